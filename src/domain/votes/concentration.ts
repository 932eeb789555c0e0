import { quorumWeight } from 'src/domain/votes/quorum';

/**
 * The fewest holders whose weights reach `threshold`: how many operators must collude (or fail)
 * for that much of the committee. Null when all of them together fall short.
 */
export function nakamotoCoefficient(weights: readonly number[], threshold: number): number | null {
  let total = 0;
  let holders = 0;
  for (const weight of [...weights].sort((a, b) => b - a)) {
    if (total >= threshold) {
      break;
    }
    total += weight;
    holders++;
  }
  return total >= threshold ? holders : null;
}

/** Shards that can block every quorum (334 of 1000), and that make one (667 of 1000). */
export function concentrationThresholds(nShards: number): { blocking: number; quorum: number } {
  const quorum = quorumWeight(nShards);
  return { blocking: nShards - quorum + 1, quorum };
}

/**
 * The Gini coefficient of amounts: 0 when all are equal, approaching 1 when one holds everything.
 * Sorted ascending, G = Σ (2i − n − 1)·x_i / (n·Σx), computed exactly in bigint, then rounded to
 * six decimals.
 */
export function gini(amounts: readonly bigint[]): number {
  const sorted = [...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const n = BigInt(sorted.length);
  const total = sorted.reduce((sum, amount) => sum + amount, 0n);
  if (n === 0n || total === 0n) {
    return 0;
  }
  let weighted = 0n;
  for (const [index, amount] of sorted.entries()) {
    weighted += (2n * BigInt(index + 1) - n - 1n) * amount;
  }
  return Number((weighted * 1_000_000n) / (n * total)) / 1_000_000;
}
