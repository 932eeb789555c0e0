import {
  fixedSubsidy,
  growthWithoutSubsidies,
  usageSubsidiesOfRun,
  usageSubsidyInGrowth,
} from 'src/domain/staking/subsidies';

describe('subsidies', () => {
  it('pays a committee member its base plus its shards at the per-shard rate', () => {
    expect(fixedSubsidy(1_000n, 25n, 40)).toBe(2_000n);
    expect(fixedSubsidy(1_000n, 25n, 0)).toBe(1_000n);
  });

  it('finds the subsidy in a bucket’s growth exactly, rounding as the contract does', () => {
    // The contract: subsidy = floor(payments · rate / 10 000); the bucket grows by both.
    for (const rate of [0, 1, 2_500, 10_000, 1_000_000]) {
      for (const payments of [0n, 1n, 3n, 9_999n, 123_456_789n, 10n ** 15n + 7n]) {
        const subsidy = (payments * BigInt(rate)) / 10_000n;
        expect(usageSubsidyInGrowth(payments + subsidy, rate)).toBe(subsidy);
      }
    }
    expect(() => usageSubsidyInGrowth(-1n, 100)).toThrow('cannot shrink');
  });

  it('attributes a run’s subsidies to the buckets that grew, a new bucket from zero', () => {
    const before = new Map([
      [5, 1_000n],
      [6, 500n],
    ]);
    // 20%: bucket 5 received 100 in payments (+20 subsidy), 6 nothing, new bucket 7 received 50.
    const after = new Map([
      [5, 1_120n],
      [6, 500n],
      [7, 60n],
    ]);
    expect(usageSubsidiesOfRun(before, after, 2_000)).toEqual(
      new Map([
        [5, 20n],
        [7, 10n],
      ]),
    );
  });

  it('takes the usage subsidies out of a window’s share-price growth', () => {
    // Two epochs of 1% growth, the first bucket a quarter subsidy.
    const without = growthWithoutSubsidies([
      { growth: 1.01, subsidyShare: 0.25 },
      { growth: 1.01, subsidyShare: 0 },
    ]);
    expect(without).toBeCloseTo(1.0075 * 1.01, 12);
    expect(growthWithoutSubsidies([])).toBe(1);
  });
});
