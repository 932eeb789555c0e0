import { apyWindows, type EpochTimeline } from 'src/domain/staking/apy';
import { exchangeRate, FLAT_RATE, type PoolExchangeRate } from 'src/domain/staking/exchange-rate';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A pool whose WAL per share grows by `growth` every epoch from 1. */
function rates(epochs: number[], growthPerEpoch: number): Map<number, PoolExchangeRate> {
  const shares = 1_000_000_000_000n;
  return new Map(
    epochs.map((epoch, i) => [
      epoch,
      i === 0 ? FLAT_RATE : exchangeRate(BigInt(Math.round(Number(shares) * growthPerEpoch ** i)), shares),
    ]),
  );
}

/** Nothing observed: every epoch is taken at its nominal length. */
const nominal = (durationMs: number): EpochTimeline => ({
  startsMs: new Map(),
  nominalDurationMs: durationMs,
});

describe('apyWindows', () => {
  it('annualises 14-day epochs, when none was observed, about 26 times a year', () => {
    const windows = apyWindows(rates([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.002), nominal(14 * DAY_MS));
    const oneEpoch = windows.find((window) => window.epochs === 1);
    expect(oneEpoch?.growth).toBeCloseTo(1.002, 9);
    expect(oneEpoch?.apy).toBeCloseTo(1.002 ** (365 / 14) - 1, 9);
    expect(windows.map((window) => window.epochs)).toEqual([1, 3, 10, null]);
    // A steady pool yields the same over every window.
    for (const window of windows) {
      expect(window.apy).toBeCloseTo(oneEpoch?.apy ?? Number.NaN, 6);
    }
  });

  it('leaves out windows in which the pool was not active throughout, and needs two rates', () => {
    const gappy = rates([0, 1, 2, 5, 6], 1.01);
    expect(apyWindows(gappy, nominal(DAY_MS)).map((window) => window.epochs)).toEqual([1]);
    expect(apyWindows(rates([4], 1.01), nominal(DAY_MS))).toEqual([]);
    expect(apyWindows(new Map(), nominal(DAY_MS))).toEqual([]);
  });

  it('annualises over the observed epoch lengths: epochs that ran long compound fewer times a year', () => {
    // Mainnet-like: 14-day epochs that each ran 6 hours over (handoff and driver jitter), except
    // epoch 3, whose handoff took two extra days; epoch 8's start was not observed.
    const lengths = new Map([[3, 16 * DAY_MS]]);
    const startsMs = new Map<number, number>();
    let at = Date.UTC(2025, 2, 25);
    for (let epoch = 0; epoch <= 10; epoch++) {
      if (epoch !== 8) {
        startsMs.set(epoch, at);
      }
      at += lengths.get(epoch) ?? 14.25 * DAY_MS;
    }
    const timeline = { startsMs, nominalDurationMs: 14 * DAY_MS };
    const windows = apyWindows(rates([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.002), timeline);
    const byLength = new Map(windows.map((window) => [window.epochs, window]));
    expect(byLength.get(1)).toMatchObject({ elapsedMs: 14.25 * DAY_MS, nominalEpochs: 0 });
    expect(byLength.get(1)?.apy).toBeCloseTo(1.002 ** (365 / 14.25) - 1, 9);
    // Epochs 7 to 9: 7 observed, 8 and its successor's length unknown, so both count as nominal.
    expect(byLength.get(3)).toMatchObject({ elapsedMs: (14.25 + 14 + 14) * DAY_MS, nominalEpochs: 2 });
    const lifetime = byLength.get(null);
    expect(lifetime?.elapsedMs).toBe((16 + 7 * 14.25 + 2 * 14) * DAY_MS);
    expect(lifetime?.epochsPerYear).toBeCloseTo((10 * 365) / (16 + 7 * 14.25 + 28), 9);
    // The nominal length overstates the yield.
    const overstated = apyWindows(rates([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.002), nominal(14 * DAY_MS));
    expect(overstated[0]?.apy ?? 0).toBeGreaterThan(byLength.get(1)?.apy ?? Number.POSITIVE_INFINITY);
  });

  it('takes the usage subsidies out of the yield, epoch by epoch', () => {
    const steady = rates([0, 1, 2, 3], 1.01);
    const [plain] = apyWindows(steady, nominal(14 * DAY_MS));
    expect(plain?.apyWithoutUsageSubsidies).toBeCloseTo(plain?.apy ?? Number.NaN, 12);
    // Epoch 2's bucket was a fifth subsidy: its rewards, paid into rate 3, grow the share price by 0.8%.
    const [oneEpoch, three] = apyWindows(steady, nominal(14 * DAY_MS), [1, 3], new Map([[2, 0.2]]));
    expect(oneEpoch?.apyWithoutUsageSubsidies).toBeCloseTo(1.008 ** (365 / 14) - 1, 6);
    expect(three?.apyWithoutUsageSubsidies).toBeCloseTo((1.01 * 1.01 * 1.008) ** (365 / 42) - 1, 6);
    expect(three?.apy).toBeGreaterThan(three?.apyWithoutUsageSubsidies ?? Number.POSITIVE_INFINITY);
  });
});
