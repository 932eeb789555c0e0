import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';

/**
 * `pool_exchange_rate::PoolExchangeRate`: the price of a pool share in FROST. A pool with no
 * stake or no shares trades at par (Flat).
 */
export type PoolExchangeRate =
  | { readonly kind: 'Flat' }
  | { readonly kind: 'Variable'; readonly walAmount: bigint; readonly shareAmount: bigint };

export const FLAT_RATE: PoolExchangeRate = { kind: 'Flat' };

/**
 * `pool_exchange_rate::new`: a share is never worth less than 1 FROST while nothing slashes stake,
 * so more shares than WAL is refused (`EInvalidRate`).
 */
export function exchangeRate(walAmount: bigint, shareAmount: bigint): PoolExchangeRate {
  if (shareAmount > walAmount) {
    throw new DomainError(
      'INVALID_STATE',
      `a pool cannot hold ${shareAmount} shares for ${walAmount} FROST`,
      MOVE_ABORTS.invalidRate,
    );
  }
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

/**
 * The rate a pool recorded at `epoch`, or the last one before it down to the pool's activation;
 * Flat before that (`staking_pool::exchange_rate_at_epoch`).
 */
export function exchangeRateAt(
  rates: ReadonlyMap<number, PoolExchangeRate>,
  poolActivationEpoch: number,
  epoch: number,
): PoolExchangeRate {
  for (let e = epoch; e >= poolActivationEpoch; e--) {
    const rate = rates.get(e);
    if (rate !== undefined) {
      return rate;
    }
  }
  return FLAT_RATE;
}

/**
 * `calculate_rewards`: what `principal`, staked from `activationEpoch`, earned by `withdrawEpoch`,
 * from the pool's recorded rates; never negative.
 */
export function calculateRewards(
  rates: ReadonlyMap<number, PoolExchangeRate>,
  poolActivationEpoch: number,
  principal: bigint,
  activationEpoch: number,
  withdrawEpoch: number,
): bigint {
  const shares = toShares(exchangeRateAt(rates, poolActivationEpoch, activationEpoch), principal);
  const value = toWal(exchangeRateAt(rates, poolActivationEpoch, withdrawEpoch), shares);
  return value > principal ? value - principal : 0n;
}

/**
 * What a position earned in each epoch from `fromEpoch` on: the growth of `calculate_rewards`
 * from one epoch's recorded rate to the next, for the epochs the stake counted in (its activation
 * up to the epoch before `untilEpoch`, the withdrawal epoch or the current one). The amounts add
 * up to `calculateRewards(…, untilEpoch)` exactly.
 */
export function rewardsPerEpoch(
  rates: ReadonlyMap<number, PoolExchangeRate>,
  poolActivationEpoch: number,
  principal: bigint,
  activationEpoch: number,
  untilEpoch: number,
  fromEpoch = activationEpoch,
): { epoch: number; rewards: bigint }[] {
  const earned: { epoch: number; rewards: bigint }[] = [];
  const toDate = (epoch: number) =>
    calculateRewards(rates, poolActivationEpoch, principal, activationEpoch, epoch);
  let before = toDate(Math.max(activationEpoch, fromEpoch));
  for (let epoch = Math.max(activationEpoch, fromEpoch); epoch < untilEpoch; epoch++) {
    const after = toDate(epoch + 1);
    earned.push({ epoch, rewards: after - before });
    before = after;
  }
  return earned;
}
