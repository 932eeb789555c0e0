import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far V8 lets the heap of an indexing process grow past its live objects before a full
 * collection, as a percentage of them (`--heap-growing-percent`; 0 keeps V8's own factor).
 *
 * Replaying a heavy-staking history, what is live stays near 70 MB, but V8 sizes the heap for
 * throughput, up to four times what survived the last full collection, and the ArrayBuffers of
 * the grpc-web frames and of the statements sent to PostgreSQL wait for the same collection: the
 * process peaked at 340–380 MB. At 35% it peaks near 275 MB, still above the target rate (at 25%
 * it slows to the target; at 50% it peaks near 295 MB). V8 reads this factor each time it sets the next collection's limit, so it can be
 * set once the process runs; the flags fixed at heap setup (`--max-old-space-size`) cannot.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) {
    setFlagsFromString(`--heap-growing-percent=${percent}`);
  }
}
