import type { Committee } from 'src/domain/committee/committee';
import { compareNodeIds, type NodeId } from 'src/domain/shared/node-id';

/** One shard changing hands between two committees. */
export interface ShardMove {
  readonly shard: number;
  /** Null when the shard had no owner (a first committee). */
  readonly from: NodeId | null;
  readonly to: NodeId;
}

/** What a committee change means for one node. */
export interface NodeShardChange {
  readonly nodeId: NodeId;
  /** `joining`, `leaving` or `continuing` the committee. */
  readonly membership: 'joining' | 'leaving' | 'continuing';
  readonly gained: number[];
  readonly lost: number[];
  readonly kept: number[];
}

export interface CommitteeChange {
  readonly moves: ShardMove[];
  /** Every node of either committee, in node-ID order. */
  readonly nodes: NodeShardChange[];
}

/**
 * The shard handoffs between two committees: every shard whose owner changes, with its source and
 * destination, and each node's gained, lost and kept shards. Shard lists are in ascending order.
 */
export function committeeChange(before: Committee, after: Committee): CommitteeChange {
  const ownerBefore = new Map<number, NodeId>();
  for (const member of before) {
    for (const shard of member.shards) {
      ownerBefore.set(shard, member.nodeId);
    }
  }
  const ownerAfter = new Map<number, NodeId>();
  for (const member of after) {
    for (const shard of member.shards) {
      ownerAfter.set(shard, member.nodeId);
    }
  }
  const moves: ShardMove[] = [];
  for (const [shard, to] of [...ownerAfter.entries()].sort((a, b) => a[0] - b[0])) {
    const from = ownerBefore.get(shard) ?? null;
    if (from !== to) {
      moves.push({ shard, from, to });
    }
  }
  const inBefore = new Set(before.map((member) => member.nodeId));
  const inAfter = new Set(after.map((member) => member.nodeId));
  const nodeIds = [...new Set([...inBefore, ...inAfter])].sort(compareNodeIds);
  const ascending = (shards: number[]) => shards.sort((a, b) => a - b);
  const nodes = nodeIds.map((nodeId): NodeShardChange => {
    const held = ascending(
      [...ownerBefore.entries()].filter(([, owner]) => owner === nodeId).map(([s]) => s),
    );
    const holds = new Set([...ownerAfter.entries()].filter(([, owner]) => owner === nodeId).map(([s]) => s));
    return {
      nodeId,
      membership: !inBefore.has(nodeId) ? 'joining' : !inAfter.has(nodeId) ? 'leaving' : 'continuing',
      gained: ascending(moves.filter((move) => move.to === nodeId).map((move) => move.shard)),
      lost: held.filter((shard) => !holds.has(shard)),
      kept: held.filter((shard) => holds.has(shard)),
    };
  });
  return { moves, nodes };
}
