import type { PoolExchangeRate } from 'src/domain/staking/exchange-rate';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
/** Precision of the exact rate ratio before it becomes a float. */
const SCALE = 1_000_000_000_000n;

export interface ApyWindow {
  /** Length in epochs; null for the pool's whole recorded life. */
  readonly epochs: number | null;
  readonly fromEpoch: number;
  readonly toEpoch: number;
  /** WAL per share at `toEpoch` over WAL per share at `fromEpoch`. */
  readonly growth: number;
  /**
   * growth^(epochs per year / window) − 1; null when it overflows a float (seconds-long epochs on
   * the local network compound millions of times a year).
   */
  readonly apy: number | null;
}

/** WAL per pool share (shares at par when the rate is flat), as a float. */
function walPerShare(rate: PoolExchangeRate): number {
  return rate.kind === 'Flat' ? 1 : Number((rate.walAmount * SCALE) / rate.shareAmount) / Number(SCALE);
}

/**
 * Annualised yield of a pool from the exchange rates it recorded: over each window of `epochs`
 * ending at its latest rate, `(ER_to / ER_from)^(epochsPerYear / epochs) − 1`, where epochsPerYear
 * is 365 days over the actual epoch length (≈ 26.07 for 14-day epochs). A window counts only if the
 * pool recorded a rate for every epoch in it (it was active throughout); the lifetime window runs
 * from its first rate.
 */
export function apyWindows(
  rates: ReadonlyMap<number, PoolExchangeRate>,
  epochDurationMs: number,
  windows: readonly number[] = [1, 3, 10],
): ApyWindow[] {
  const epochs = [...rates.keys()].sort((a, b) => a - b);
  const last = epochs.at(-1);
  const first = epochs[0];
  if (last === undefined || first === undefined || epochDurationMs <= 0) {
    return [];
  }
  const epochsPerYear = YEAR_MS / epochDurationMs;
  const window = (length: number | null, from: number): ApyWindow | undefined => {
    const span = last - from;
    if (span <= 0) {
      return undefined;
    }
    for (let epoch = from; epoch <= last; epoch++) {
      if (!rates.has(epoch)) {
        return undefined;
      }
    }
    const start = rates.get(from);
    const end = rates.get(last);
    if (start === undefined || end === undefined) {
      return undefined;
    }
    const growth = walPerShare(end) / walPerShare(start);
    const apy = growth ** (epochsPerYear / span) - 1;
    return { epochs: length, fromEpoch: from, toEpoch: last, growth, apy: Number.isFinite(apy) ? apy : null };
  };
  return [...windows.map((length) => window(length, last - length)), window(null, first)].filter(
    (entry): entry is ApyWindow => entry !== undefined,
  );
}
