import { DomainError } from 'src/domain/shared/domain.error';
import type { MoveAbort } from 'src/domain/shared/move-abort';

/**
 * A Sui object ID (a storage node's ID is its staking pool's object ID), normalised to `0x`
 * followed by 64 lowercase hex digits. Because the width is fixed and the case is fixed, the
 * string order of two normalised IDs is their order as u256 integers, which is the order the
 * contract keeps committees in.
 */
export type NodeId = string & { readonly __brand: 'NodeId' };

const ADDRESS_PATTERN = /^0x[0-9a-fA-F]{1,64}$/;

export function parseNodeId(text: string): NodeId {
  if (!ADDRESS_PATTERN.test(text)) {
    throw new DomainError(
      'INVALID_NODE_ID',
      `${JSON.stringify(text)} is not a Sui address (expected 0x followed by 1 to 64 hex digits)`,
    );
  }
  return `0x${text.slice(2).toLowerCase().padStart(64, '0')}` as NodeId;
}

/** Orders node IDs as the contract does: by their value as unsigned 256-bit integers. */
export function compareNodeIds(a: NodeId, b: NodeId): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortByNodeId<T extends { readonly nodeId: NodeId }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compareNodeIds(a.nodeId, b.nodeId));
}

/** Refuses a node listed twice; `moveAbort` is what the contract raises for it in that place. */
export function assertUniqueNodeIds(
  items: readonly { readonly nodeId: NodeId }[],
  what: string,
  moveAbort?: MoveAbort,
): void {
  const seen = new Set<NodeId>();
  for (const { nodeId } of items) {
    if (seen.has(nodeId)) {
      throw new DomainError('DUPLICATE_NODE', `${what} lists node ${nodeId} more than once`, moveAbort);
    }
    seen.add(nodeId);
  }
}
