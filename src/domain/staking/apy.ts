import type { PoolExchangeRate } from 'src/domain/staking/exchange-rate';
import { growthWithoutSubsidies } from 'src/domain/staking/subsidies';

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
/** Precision of the exact rate ratio before it becomes a float. */
const SCALE = 1_000_000_000_000n;

/**
 * How long epochs really lasted. An epoch lasts its nominal duration plus the time its handoff
 * took to reach the sync quorum and the jitter of the epoch-change driver, because `voting_end`
 * and the next change are timed from `EpochChangeDone`; so a year holds fewer epochs than
 * 365 days over the nominal duration.
 */
export interface EpochTimeline {
  /** When each epoch started (its `EpochChangeStart`), where observed. */
  readonly startsMs: ReadonlyMap<number, number>;
  /** The nominal epoch length, standing in for an epoch whose start or end was not observed. */
  readonly nominalDurationMs: number;
}

/** The time from the start of `from` to the start of `to`, and how many epochs were not observed. */
export function elapsedBetween(
  timeline: EpochTimeline,
  from: number,
  to: number,
): { readonly ms: number; readonly nominalEpochs: number } {
  let ms = 0;
  let nominalEpochs = 0;
  for (let epoch = from; epoch < to; epoch++) {
    const start = timeline.startsMs.get(epoch);
    const end = timeline.startsMs.get(epoch + 1);
    if (start !== undefined && end !== undefined && end > start) {
      ms += end - start;
    } else {
      ms += timeline.nominalDurationMs;
      nominalEpochs++;
    }
  }
  return { ms, nominalEpochs };
}

export interface ApyWindow {
  /** Length in epochs; null for the pool's whole recorded life. */
  readonly epochs: number | null;
  readonly fromEpoch: number;
  readonly toEpoch: number;
  /** WAL per share at `toEpoch` over WAL per share at `fromEpoch`. */
  readonly growth: number;
  /** From the start of `fromEpoch` to the start of `toEpoch`. */
  readonly elapsedMs: number;
  /** Epochs of the window whose length was not observed and is taken as nominal. */
  readonly nominalEpochs: number;
  /** The window's epochs scaled to a year of its elapsed time. */
  readonly epochsPerYear: number;
  /**
   * growth^(year / elapsed) − 1; null when it overflows a float (seconds-long epochs on the local
   * network compound millions of times a year).
   */
  readonly apy: number | null;
  /**
   * The same yield had the usage subsidies not topped up the buckets: each epoch's growth scaled
   * by the share of its bucket that came from payments. `apy` minus this is the subsidies' part.
   */
  readonly apyWithoutUsageSubsidies: number | null;
  /** `growth` without the usage subsidies. */
  readonly growthWithoutUsageSubsidies: number;
}

/** WAL per pool share (shares at par when the rate is flat), as a float. */
function walPerShare(rate: PoolExchangeRate): number {
  return rate.kind === 'Flat' ? 1 : Number((rate.walAmount * SCALE) / rate.shareAmount) / Number(SCALE);
}

/**
 * Annualised yield of a pool from the exchange rates it recorded: over each window of `epochs`
 * ending at its latest rate, `(ER_to / ER_from)^(year / elapsed) − 1`, where `elapsed` is the time
 * between the starts of the window's first and last epoch as observed (a rate is recorded when its
 * epoch starts). A window counts only if the pool recorded a rate for every epoch in it (it was
 * active throughout); the lifetime window runs from its first rate.
 */
export function apyWindows(
  rates: ReadonlyMap<number, PoolExchangeRate>,
  timeline: EpochTimeline,
  windows: readonly number[] = [1, 3, 10],
  /** Epoch → the share of its bucket the usage subsidies added (0 where none). */
  subsidyShares: ReadonlyMap<number, number> = new Map(),
): ApyWindow[] {
  const epochs = [...rates.keys()].sort((a, b) => a - b);
  const last = epochs.at(-1);
  const first = epochs[0];
  if (last === undefined || first === undefined || timeline.nominalDurationMs <= 0) {
    return [];
  }
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
    const elapsed = elapsedBetween(timeline, from, last);
    const annualise = (windowGrowth: number) => {
      const annual = windowGrowth ** (YEAR_MS / elapsed.ms) - 1;
      return Number.isFinite(annual) ? annual : null;
    };
    // The rate recorded as epoch e + 1 starts holds the rewards of epoch e's bucket.
    const perEpoch = [];
    for (let epoch = from; epoch < last; epoch++) {
      const before = rates.get(epoch);
      const after = rates.get(epoch + 1);
      if (before !== undefined && after !== undefined) {
        perEpoch.push({
          growth: walPerShare(after) / walPerShare(before),
          subsidyShare: subsidyShares.get(epoch) ?? 0,
        });
      }
    }
    return {
      epochs: length,
      fromEpoch: from,
      toEpoch: last,
      growth,
      elapsedMs: elapsed.ms,
      nominalEpochs: elapsed.nominalEpochs,
      epochsPerYear: (span * YEAR_MS) / elapsed.ms,
      apy: annualise(growth),
      apyWithoutUsageSubsidies: annualise(growthWithoutSubsidies(perEpoch)),
      growthWithoutUsageSubsidies: growthWithoutSubsidies(perEpoch),
    };
  };
  return [...windows.map((length) => window(length, last - length)), window(null, first)].filter(
    (entry): entry is ApyWindow => entry !== undefined,
  );
}
