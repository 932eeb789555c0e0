/** FROST in one WAL. */
export const FROST_PER_WAL = 1_000_000_000n;

/** A FROST amount as whole WAL, grouped for reading (`42,016,097`); for messages, not arithmetic. */
export function formatWholeWal(frost: bigint): string {
  return (frost / FROST_PER_WAL).toLocaleString('en-US');
}
