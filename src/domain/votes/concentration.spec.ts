import { concentrationThresholds, gini, nakamotoCoefficient } from 'src/domain/votes/concentration';

describe('concentration', () => {
  it('counts the fewest holders that reach a threshold', () => {
    expect(nakamotoCoefficient([100, 400, 300, 200], 334)).toBe(1);
    expect(nakamotoCoefficient([100, 400, 300, 200], 667)).toBe(2);
    expect(nakamotoCoefficient([250, 250, 250, 250], 667)).toBe(3);
    expect(nakamotoCoefficient([1, 1], 3)).toBeNull();
  });

  it('takes 334 and 667 of 1000 shards as the blocking and quorum thresholds', () => {
    expect(concentrationThresholds(1000)).toEqual({ blocking: 334, quorum: 667 });
    expect(concentrationThresholds(10)).toEqual({ blocking: 4, quorum: 7 });
  });

  it('measures inequality from 0 (equal) towards 1 (one holds all)', () => {
    expect(gini([5n, 5n, 5n, 5n])).toBe(0);
    expect(gini([0n, 0n, 0n, 100n])).toBe(0.75);
    expect(gini([1n, 2n, 3n, 4n])).toBe(0.25);
    expect(gini([])).toBe(0);
  });
});
