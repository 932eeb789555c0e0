import { compareNodeIds, type NodeId } from 'src/domain/shared/node-id';
import { isQuorum, quorumWeight } from 'src/domain/votes/quorum';

export interface SyncMember {
  readonly nodeId: NodeId;
  /** Shards the node holds in the new committee: its weight in the quorum. */
  readonly shards: number;
  readonly attested: boolean;
  /** True when the node cannot attest soon: unreachable, or its handoff stalled. */
  readonly blocked: boolean;
}

export interface SyncQuorum {
  readonly totalWeight: number;
  /** Smallest weight w with 3w ≥ 2n + 1 (`epoch_sync_done`'s condition): 667 of 1000. */
  readonly quorumWeight: number;
  readonly attestedWeight: number;
  /** Weight still needed for the quorum (0 once reached). */
  readonly missingWeight: number;
  readonly reached: boolean;
  /** Members yet to attest, heaviest first (ties by node ID). */
  readonly pending: SyncMember[];
  /** Pending members that are blocked, heaviest first. */
  readonly blocking: SyncMember[];
  /**
   * True when the quorum is not reached and the members that can still attest are not enough to
   * reach it: the epoch change waits on a blocked node.
   */
  readonly atRisk: boolean;
}

/** The quorum of `epoch_sync_done` attestations over the new committee. */
export function syncQuorum(members: readonly SyncMember[], nShards: number): SyncQuorum {
  const totalWeight = members.reduce((total, member) => total + member.shards, 0);
  const needed = quorumWeight(nShards);
  const attestedWeight = members
    .filter((member) => member.attested)
    .reduce((total, member) => total + member.shards, 0);
  const heaviestFirst = (a: SyncMember, b: SyncMember) =>
    b.shards - a.shards || compareNodeIds(a.nodeId, b.nodeId);
  const pending = members.filter((member) => !member.attested).sort(heaviestFirst);
  const blocking = pending.filter((member) => member.blocked);
  const reachableWeight = pending
    .filter((member) => !member.blocked)
    .reduce((total, member) => total + member.shards, 0);
  const reached = isQuorum(attestedWeight, nShards);
  return {
    totalWeight,
    quorumWeight: needed,
    attestedWeight,
    missingWeight: Math.max(0, needed - attestedWeight),
    reached,
    pending,
    blocking,
    atRisk: !reached && attestedWeight + reachableWeight < needed,
  };
}
