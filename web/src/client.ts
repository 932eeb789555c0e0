import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';

/**
 * One client for the whole page, on the public API of the Tusk that served it (so the page works
 * against any Tusk, a read replica included): queries over HTTP, live updates over graphql-ws.
 */
export function createApiClient(origin: URL = new URL(window.location.href)): Client {
  const httpUrl = new URL('/graphql', origin).toString();
  const wsUrl = httpUrl.replace(/^http/, 'ws');
  const ws = createWsClient({ url: wsUrl, lazy: true, retryAttempts: Infinity });
  return new Client({
    url: httpUrl,
    exchanges: [
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const operation = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              return { unsubscribe: ws.subscribe(operation, sink) };
            },
          };
        },
      }),
    ],
  });
}
