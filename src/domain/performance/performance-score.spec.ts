import {
  performanceScore,
  SCORE_WEIGHTS,
  type PerformanceInput,
} from 'src/domain/performance/performance-score';

const perfect: PerformanceInput = {
  polls: 100,
  reachablePolls: 100,
  activePolls: 100,
  readyShareSum: 100,
  handoffs: [{ epoch: 5, receivedBytes: 10_000_000_000n, syncSeconds: 100, medianSecondsPerGb: 10 }],
  epochsInCommittee: 10,
  epochsAttested: 10,
  denyListSize: 0n,
  usedCapacity: 1_000_000n,
  slashingProposals: [],
  epochsWithPool: 10,
  nShards: 1000,
};

describe('performanceScore', () => {
  it('weighs seven components that add up to 1', () => {
    expect(Object.values(SCORE_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(performanceScore(perfect).score).toBe(100);
  });

  it('scores each component by its share, with its inputs', () => {
    const result = performanceScore({
      ...perfect,
      reachablePolls: 80,
      activePolls: 60,
      readyShareSum: 72,
      epochsAttested: 9,
      denyListSize: 100_000n,
    });
    const value = (name: string) => result.components.find((c) => c.name === name)?.value;
    expect(value('reachability')).toBe(0.8);
    expect(value('active')).toBe(0.75);
    expect(value('readiness')).toBe(0.9);
    expect(value('attestations')).toBe(0.9);
    expect(value('denyList')).toBe(0.9);
    expect(result.components.find((c) => c.name === 'reachability')?.inputs).toBe('80 of 100 polls answered');
    const expected = 0.2 * 0.8 + 0.15 * 0.75 + 0.1 * 0.9 + 0.2 * 1 + 0.15 * 0.9 + 0.1 * 0.9 + 0.1 * 1;
    expect(result.score).toBeCloseTo(expected * 100, 2);
  });

  it('does not penalise a node that gained no shards, and compares speed with the epoch median', () => {
    const noGains = performanceScore({
      ...perfect,
      handoffs: [{ epoch: 5, receivedBytes: 0n, syncSeconds: 1, medianSecondsPerGb: 10 }],
    });
    expect(noGains.components.map((c) => c.name)).not.toContain('handoffs');
    expect(noGains.score).toBe(100);
    const twiceAsSlow = performanceScore({
      ...perfect,
      handoffs: [{ epoch: 5, receivedBytes: 10_000_000_000n, syncSeconds: 200, medianSecondsPerGb: 10 }],
    });
    expect(twiceAsSlow.components.find((c) => c.name === 'handoffs')?.value).toBe(0.5);
    const missed = performanceScore({
      ...perfect,
      handoffs: [{ epoch: 5, receivedBytes: 10_000_000_000n, syncSeconds: null, medianSecondsPerGb: 10 }],
    });
    expect(missed.components.find((c) => c.name === 'handoffs')?.value).toBe(0);
  });

  it('is null when nothing was observed, and scales the weights to what was', () => {
    expect(
      performanceScore({
        ...perfect,
        polls: 0,
        reachablePolls: 0,
        activePolls: 0,
        readyShareSum: 0,
        handoffs: [],
        epochsInCommittee: 0,
        epochsAttested: 0,
        usedCapacity: 0n,
        epochsWithPool: 0,
      }).score,
    ).toBeNull();
    const onlyPolls = performanceScore({
      ...perfect,
      reachablePolls: 50,
      activePolls: 50,
      readyShareSum: 50,
      handoffs: [],
      epochsInCommittee: 0,
      usedCapacity: 0n,
      epochsWithPool: 0,
    });
    expect(onlyPolls.score).toBeCloseTo(((0.2 * 0.5 + 0.15 + 0.1) / 0.45) * 100, 1);
  });

  it('counts an executed or quorate slashing proposal whole and a weaker one by its share of the quorum', () => {
    const slashing = (proposals: PerformanceInput['slashingProposals']) =>
      performanceScore({ ...perfect, slashingProposals: proposals }).components.find(
        (c) => c.name === 'slashing',
      );
    // 667 of 1000 shards is the quorum (3w >= 2n + 1).
    expect(slashing([{ epoch: 3, votingWeight: 200, executed: false }])?.value).toBeCloseTo(
      1 - 200 / 667 / 10,
      12,
    );
    expect(slashing([{ epoch: 3, votingWeight: 667, executed: false }])?.value).toBeCloseTo(0.9, 12);
    expect(slashing([{ epoch: 3, votingWeight: 666, executed: false }])?.value).toBeCloseTo(
      1 - 666 / 667 / 10,
      12,
    );
    const executed = slashing([
      { epoch: 3, votingWeight: 700, executed: true },
      { epoch: 4, votingWeight: 100, executed: false },
    ]);
    expect(executed?.value).toBeCloseTo(1 - (1 + 100 / 667) / 10, 12);
    expect(executed?.inputs).toBe(
      '2 slashing proposal(s) in 10 epochs, 1 executed; strongest 700 of 667 shards',
    );
    expect(slashing([])?.inputs).toBe('no slashing proposal in 10 epochs');
    // A node that registered in the last epoch and was slashed in it scores 0 on this component.
    expect(
      performanceScore({
        ...perfect,
        epochsWithPool: 1,
        slashingProposals: [{ epoch: 9, votingWeight: 700, executed: true }],
      }).components.find((c) => c.name === 'slashing')?.value,
    ).toBe(0);
  });
});
