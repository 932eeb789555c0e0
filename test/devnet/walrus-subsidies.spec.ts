import { buildDevnet } from 'test/support/indexer-harness';

describe('the simulated walrus_subsidies package', () => {
  it('pays each committee its fixed subsidy once and tops up the payments buckets received', () => {
    const devnet = buildDevnet('steady-state', 8, 4);
    const subsidies = devnet.network.subsidies;
    expect(subsidies).toBeDefined();
    const paid = subsidies!.paid;
    // Epochs 1 to 3 ended with a committee (epoch 0 has none); each was paid once.
    expect([...paid.fixed.keys()]).toEqual([1, 2, 3]);
    for (const [, byNode] of paid.fixed) {
      for (const amount of byNode.values()) {
        expect(amount).toBeGreaterThanOrEqual(100n * 1_000_000_000n);
      }
    }
    // Storage bought each epoch for three epochs: the buckets of epochs 1 to 4 at least were topped up.
    for (const epoch of [1, 2, 3, 4]) {
      expect(paid.usage.get(epoch) ?? 0n).toBeGreaterThan(0n);
    }
  });
});
