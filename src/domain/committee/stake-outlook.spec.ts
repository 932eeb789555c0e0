import { simulateStake, stakeOutlook } from 'src/domain/committee/stake-outlook';
import { nodeIdOf } from 'src/domain/testing/node-ids';

const WAL = 1_000_000_000n;

describe('stakeOutlook', () => {
  const entries = Array.from({ length: 25 }, (_, i) => ({
    nodeId: nodeIdOf(i + 1),
    stake: BigInt(1000 - i * 30) * WAL,
  }));

  it('ranks the node, finds its shards, the cap and the smallest stake that still earns a shard', () => {
    const top = stakeOutlook(1000, entries, nodeIdOf(1));
    expect(top).toMatchObject({ rank: 1, activeSetSize: 25, shardCap: 100 });
    expect(top.shards).toBeGreaterThan(stakeOutlook(1000, entries, nodeIdOf(25)).shards);
    expect(top.smallestStakeWithShards).toBe(280n * WAL);
    expect(stakeOutlook(1000, entries, nodeIdOf(99))).toMatchObject({
      rank: null,
      shards: 0,
      saturated: false,
    });
  });

  it('saturates a node at the shard cap', () => {
    const whale = [{ nodeId: nodeIdOf(1), stake: 100_000n * WAL }, ...entries.slice(1)];
    expect(stakeOutlook(1000, whale, nodeIdOf(1))).toMatchObject({
      shards: 100,
      shardCap: 100,
      saturated: true,
    });
  });
});

describe('simulateStake', () => {
  const activeSet = {
    maxSize: 3,
    thresholdStake: 0n,
    entries: [
      { nodeId: nodeIdOf(1), stake: 600n * WAL },
      { nodeId: nodeIdOf(2), stake: 300n * WAL },
      { nodeId: nodeIdOf(3), stake: 100n * WAL },
    ],
  };

  it('gives a node more shards for more stake, and dilutes each WAL’s yield when shards grow slower', () => {
    const simulation = simulateStake(100, activeSet, nodeIdOf(3), 100n * WAL, 200n * WAL);
    expect(simulation.after.shards).toBeGreaterThan(simulation.before.shards);
    expect(simulation.yieldPerWalRatio).not.toBeNull();
  });

  it('lets an outsider with enough stake displace the smallest member', () => {
    const simulation = simulateStake(100, activeSet, nodeIdOf(4), 0n, 200n * WAL);
    expect(simulation.before).toMatchObject({ rank: null, shards: 0 });
    expect(simulation.after.rank).toBe(3);
    expect(simulation.after.shards).toBeGreaterThan(0);
    expect(simulation.yieldPerWalRatio).toBeNull();
  });
});
