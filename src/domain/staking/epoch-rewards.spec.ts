import { nodeIdOf } from 'src/domain/testing/node-ids';
import { distributeEpochRewards, projectNodeReward, splitCommission } from 'src/domain/staking/epoch-rewards';
import { loadMoveVectors } from 'test/support/move-vectors';

const vectors = loadMoveVectors();

describe('per-epoch reward distribution (system_state_inner::advance_epoch)', () => {
  it.each(vectors.rewards.map((v, i) => [i, v] as const))('matches e2e vector %d', (_i, vector) => {
    const members = Array.from({ length: vector.nodes }, (_, i) => ({
      nodeId: nodeIdOf(i + 1),
      shards: vector.shardsEach,
      denyListSize: BigInt(vector.denyListBytes[i]!),
    }));
    const result = distributeEpochRewards({
      bucket: BigInt(vector.bucket),
      usedCapacity: BigInt(vector.usedBytes),
      members,
      burnBasisPoints: vector.burnBps,
    });
    expect(result.perNode.map((r) => r.reward)).toEqual(vector.expectedPerNode.map(BigInt));
    expect(result.leftover).toBe(BigInt(vector.expectedCarry));
    expect(result.burned).toBe(143n);
  });

  it('accounts for every FROST: burned + paid + leftover = bucket', () => {
    const result = distributeEpochRewards({
      bucket: 1_000_003n,
      usedCapacity: 7n,
      members: [
        { nodeId: nodeIdOf(1), shards: 3, denyListSize: 0n },
        { nodeId: nodeIdOf(2), shards: 5, denyListSize: 2n },
        { nodeId: nodeIdOf(3), shards: 2, denyListSize: 100n },
      ],
    });
    const paid = result.perNode.reduce((sum, r) => sum + r.reward, 0n);
    expect(result.burned + paid + result.leftover).toBe(1_000_003n);
    expect(result.perNode[2]!.reward).toBe(0n);
  });

  it('burns nothing before v3 and keeps everything as leftover when nothing was stored', () => {
    const result = distributeEpochRewards({
      bucket: 100n,
      usedCapacity: 0n,
      members: [{ nodeId: nodeIdOf(1), shards: 10, denyListSize: 0n }],
      burnBasisPoints: 0,
    });
    expect(result).toEqual({ burned: 0n, perNode: [{ nodeId: nodeIdOf(1), reward: 0n }], leftover: 100n });
  });
});

describe('commission and projections', () => {
  it('takes the commission at the ending epoch’s rate, rounded down (the 10% pool vector: 10 000 → 1 000)', () => {
    expect(splitCommission(10_000n, 1000)).toEqual({ commission: 1000n, delegators: 9000n });
    expect(splitCommission(463n, 10_000)).toEqual({ commission: 463n, delegators: 0n });
    expect(splitCommission(999n, 333)).toEqual({ commission: 33n, delegators: 966n });
    expect(() => splitCommission(1n, 10_001)).toThrow('commission rate');
  });

  it('projects a prepaid bucket onto a node’s shards after the burn', () => {
    // The e2e vector without deny lists: 4770 FROST, 3% burned, 10 of 100 shards.
    expect(projectNodeReward({ bucket: 4770n, shards: 10, nShards: 100, commissionRateBps: 10_000 })).toEqual(
      {
        reward: 462n,
        commission: 462n,
        delegators: 0n,
      },
    );
    expect(
      projectNodeReward({ bucket: 1_000_000n, shards: 250, nShards: 1000, commissionRateBps: 1000 }),
    ).toEqual({
      reward: 242_500n,
      commission: 24_250n,
      delegators: 218_250n,
    });
    expect(() => projectNodeReward({ bucket: 1n, shards: 2, nShards: 1, commissionRateBps: 0 })).toThrow(
      'shards',
    );
  });
});
