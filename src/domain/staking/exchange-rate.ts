/**
 * `pool_exchange_rate::PoolExchangeRate`: the price of a pool share in FROST. A pool with no
 * stake or no shares trades at par (Flat).
 */
export type PoolExchangeRate =
  | { readonly kind: 'Flat' }
  | { readonly kind: 'Variable'; readonly walAmount: bigint; readonly shareAmount: bigint };

export const FLAT_RATE: PoolExchangeRate = { kind: 'Flat' };

export function exchangeRate(walAmount: bigint, shareAmount: bigint): PoolExchangeRate {
  return walAmount === 0n || shareAmount === 0n ? FLAT_RATE : { kind: 'Variable', walAmount, shareAmount };
}

/** WAL → shares, rounding down. */
export function toShares(rate: PoolExchangeRate, walAmount: bigint): bigint {
  return rate.kind === 'Flat' ? walAmount : (walAmount * rate.shareAmount) / rate.walAmount;
}

/** Shares → WAL, rounding down. */
export function toWal(rate: PoolExchangeRate, shareAmount: bigint): bigint {
  return rate.kind === 'Flat' ? shareAmount : (shareAmount * rate.walAmount) / rate.shareAmount;
}
