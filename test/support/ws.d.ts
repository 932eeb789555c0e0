/** The `ws` client, as the graphql-ws client takes it (Node 20 has no global WebSocket). */
declare module 'ws' {
  const WebSocket: unknown;
  export default WebSocket;
}
