import { nodeIdOf } from 'src/domain/testing/node-ids';
import { distributeEpochRewards } from 'src/domain/staking/epoch-rewards';
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
