import { parseNodeId, type NodeId } from 'src/domain/shared/node-id';

/** Node ID `@n` of the Move tests: the address with value n. */
export function nodeIdOf(n: number | bigint): NodeId {
  return parseNodeId(`0x${n.toString(16)}`);
}
