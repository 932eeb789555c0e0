import { apyWindows } from 'src/domain/staking/apy';
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

describe('apyWindows', () => {
  it('annualises with the real epoch length: 14-day epochs compound about 26 times a year', () => {
    const windows = apyWindows(rates([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1.002), 14 * DAY_MS);
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
    expect(apyWindows(gappy, DAY_MS).map((window) => window.epochs)).toEqual([1]);
    expect(apyWindows(rates([4], 1.01), DAY_MS)).toEqual([]);
    expect(apyWindows(new Map(), DAY_MS)).toEqual([]);
  });
});
