/** The p-th percentile of ascending samples (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** The median of `values` with their least and greatest, as "median (least–greatest)", each with `unit`. */
export function spread(values: readonly number[], digits = 2, unit = '×'): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (value: number | undefined) => `${(value ?? Number.NaN).toFixed(digits)}${unit}`;
  return `${at(sorted[Math.floor(sorted.length / 2)])} (${at(sorted[0])}–${at(sorted.at(-1))})`;
}
