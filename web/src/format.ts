// Amounts arrive from the API as strings of FROST (1 WAL = 10^9 FROST) and stay bigint here: a
// balance is never rounded through a float on its way to the screen.

export const FROST_PER_WAL = 1_000_000_000n;
const FROST_DIGITS = 9;

/** Exact WAL for an amount of FROST: grouped whole part, the fraction without trailing zeros. */
export function formatWal(frost: string | bigint): string {
  const amount = typeof frost === 'bigint' ? frost : BigInt(frost);
  const sign = amount < 0n ? '−' : '';
  const magnitude = amount < 0n ? -amount : amount;
  const whole = (magnitude / FROST_PER_WAL).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = (magnitude % FROST_PER_WAL).toString().padStart(FROST_DIGITS, '0').replace(/0+$/, '');
  return `${sign}${whole}${fraction === '' ? '' : `.${fraction}`}`;
}

export class AmountError extends Error {}

/** FROST for a WAL amount typed by a person: digits, at most nine decimals, no exponent. */
export function parseWal(input: string): bigint {
  const text = input.trim().replaceAll(',', '').replaceAll('_', '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (match === null) {
    throw new AmountError('Enter an amount of WAL, such as 1000 or 2.5.');
  }
  const fraction = match[2] ?? '';
  if (fraction.length > FROST_DIGITS) {
    throw new AmountError('WAL has nine decimals (1 FROST = 0.000000001 WAL).');
  }
  const frost = BigInt(match[1] ?? '0') * FROST_PER_WAL + BigInt(fraction.padEnd(FROST_DIGITS, '0') || '0');
  if (frost === 0n) {
    throw new AmountError('Enter an amount above zero.');
  }
  return frost;
}

/** A commission rate in basis points as a percentage: 500 → "5%", 1234 → "12.34%". */
export function formatBps(bps: number): string {
  return `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

/** A ratio (0.0712) as a percentage with two decimals; a dash when unknown. */
export function formatPercent(ratio: number | null | undefined, digits = 2): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio)
    ? '—'
    : `${(ratio * 100).toFixed(digits)}%`;
}

/** A span of seconds the way a person says it: "45 s", "3 min 20 s", "2 h 5 min", "3 d 4 h". */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (days > 0) {
    return `${days} d ${hours} h`;
  }
  if (hours > 0) {
    return `${hours} h ${minutes} min`;
  }
  return minutes > 0 ? `${minutes} min ${rest} s` : `${rest} s`;
}

/** A moment in the viewer's time zone; the UTC form goes in the element's title. */
export function formatLocalTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
  });
}

/** An object id or address cut to its ends for a table cell: 0x1234…cdef. */
export function shortId(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 6)}…${id.slice(-4)}`;
}
