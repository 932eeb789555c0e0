import { committeeChange } from 'src/domain/committee/committee-change';
import { computeNextCommittee, countMovedShards } from 'src/domain/committee/committee';
import type { NodeId } from 'src/domain/shared/node-id';
import { nodeIdOf } from 'src/domain/testing/node-ids';

describe('committeeChange', () => {
  const [a, b, c] = [nodeIdOf(1), nodeIdOf(2), nodeIdOf(3)].sort() as [NodeId, NodeId, NodeId];

  it('lists every shard that changes hands, and each node gained, lost and kept', () => {
    const before = [
      { nodeId: a, shards: [0, 1, 2] },
      { nodeId: b, shards: [3, 4, 5] },
    ];
    const after = [
      { nodeId: a, shards: [0, 1, 3] },
      { nodeId: c, shards: [2, 4, 5] },
    ];
    const change = committeeChange(before, after);
    expect(change.moves).toEqual([
      { shard: 2, from: a, to: c },
      { shard: 3, from: b, to: a },
      { shard: 4, from: b, to: c },
      { shard: 5, from: b, to: c },
    ]);
    expect(change.nodes).toEqual([
      { nodeId: a, membership: 'continuing', gained: [3], lost: [2], kept: [0, 1] },
      { nodeId: b, membership: 'leaving', gained: [], lost: [3, 4, 5], kept: [] },
      { nodeId: c, membership: 'joining', gained: [2, 4, 5], lost: [], kept: [] },
    ]);
  });

  it('has no source for a first committee', () => {
    const change = committeeChange([], [{ nodeId: a, shards: [0, 1] }]);
    expect(change.moves).toEqual([
      { shard: 0, from: null, to: a },
      { shard: 1, from: null, to: a },
    ]);
  });

  it('moves as many shards as the contract transition does', () => {
    const activeSet = [a, b, c].map((nodeId, i) => ({ nodeId, stake: BigInt(100 + i * 37) }));
    const current = computeNextCommittee({ nShards: 100, activeSet, currentCommittee: [] }).committee;
    const shifted = activeSet.map((entry, i) => ({ ...entry, stake: entry.stake * BigInt(3 - i) }));
    const next = computeNextCommittee({
      nShards: 100,
      activeSet: shifted,
      currentCommittee: current,
    }).committee;
    expect(committeeChange(current, next).moves).toHaveLength(countMovedShards(current, next));
  });
});
