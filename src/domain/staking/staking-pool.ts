import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';
import type { NodeId } from 'src/domain/shared/node-id';
import { PendingValues } from 'src/domain/staking/pending-values';
import {
  calculateRewards,
  exchangeRate,
  exchangeRateAt,
  FLAT_RATE,
  toShares,
  toWal,
  type PoolExchangeRate,
} from 'src/domain/staking/exchange-rate';
import {
  canWithdrawEarly,
  MIN_STAKING_THRESHOLD,
  setWithdrawing,
  type StakedWal,
  type WalrusContext,
} from 'src/domain/staking/staked-wal';

export const N_BASIS_POINTS = 10_000;

/**
 * Which scheduled commission rate `advance_epoch` applies. The deployed v3 package applies a rate
 * only in exactly its target epoch (a pool outside the committee then misses it); `main` applies
 * the latest rate due and always flushes older entries.
 */
export type CommissionRule = 'exact-epoch' | 'latest-due';

export type PoolState =
  | { readonly kind: 'Active' }
  | { readonly kind: 'Withdrawing'; readonly epoch: number }
  | { readonly kind: 'Withdrawn' };

export interface StakingPoolInit {
  readonly nodeId: NodeId;
  readonly commissionRate: number;
  readonly wctx: WalrusContext;
  /**
   * Where the pool records its exchange rates (a fresh map by default): a simulation may pass one
   * that keeps old entries outside memory, as a chain keeps its tables.
   */
  readonly exchangeRates?: Map<number, PoolExchangeRate>;
}

export interface Withdrawal {
  readonly principal: bigint;
  readonly rewards: bigint;
}

/**
 * `staking_pool::StakingPool`, the accounting of one storage node's delegated stake. Amounts are
 * FROST (10^-9 WAL). Methods mirror the contract's functions and abort where it aborts.
 */
export class StakingPool {
  readonly nodeId: NodeId;
  state: PoolState = { kind: 'Active' };
  activationEpoch: number;
  latestEpoch: number;
  walBalance = 0n;
  numShares = 0n;
  commissionRate: number;
  readonly pendingStake = new PendingValues();
  readonly pendingSharesWithdraw = new PendingValues();
  readonly preActiveWithdrawals = new PendingValues();
  readonly pendingCommissionRate = new PendingValues();
  readonly exchangeRates: Map<number, PoolExchangeRate>;
  /** Stakers' rewards not yet paid out. */
  rewardsPool = 0n;
  /** Operator commission accrued and not yet collected. */
  commission = 0n;
  /** Part of `commission` that cannot be collected before this epoch's `voting_end`. */
  blockedCommission = 0n;

  constructor({ nodeId, commissionRate, wctx, exchangeRates }: StakingPoolInit) {
    assertCommissionRate(commissionRate);
    this.nodeId = nodeId;
    this.exchangeRates = exchangeRates ?? new Map<number, PoolExchangeRate>();
    this.commissionRate = commissionRate;
    this.activationEpoch = wctx.committeeSelected ? wctx.epoch + 1 : wctx.epoch;
    this.latestEpoch = wctx.epoch;
    this.exchangeRates.set(this.activationEpoch, FLAT_RATE);
  }

  /** `stake`: the principal activates in E+1, or in E+2 once the next committee is selected. */
  stake(amount: bigint, wctx: WalrusContext): StakedWal {
    if (this.state.kind !== 'Active') {
      throw new DomainError(
        'INVALID_STATE',
        `pool ${this.nodeId} does not accept stake`,
        MOVE_ABORTS.poolIsNotActive,
      );
    }
    if (amount <= 0n) {
      throw new DomainError('INVALID_AMOUNT', 'cannot stake zero', MOVE_ABORTS.zeroStake);
    }
    if (amount < MIN_STAKING_THRESHOLD) {
      throw new DomainError(
        'INVALID_AMOUNT',
        'a stake must be at least 1 WAL',
        MOVE_ABORTS.stakeBelowThreshold,
      );
    }
    const activationEpoch = wctx.committeeSelected ? wctx.epoch + 2 : wctx.epoch + 1;
    this.pendingStake.insertOrAdd(activationEpoch, amount);
    return { nodeId: this.nodeId, principal: amount, activationEpoch, state: { kind: 'Staked' } };
  }

  /**
   * `request_withdraw_stake`: the first step of a withdrawal from a node that will still hold the
   * stake in a committee. Returns the StakedWal in its Withdrawing state.
   */
  requestWithdrawStake(
    stakedWal: StakedWal,
    inCurrentCommittee: boolean,
    inNextCommittee: boolean,
    wctx: WalrusContext,
  ): StakedWal {
    this.assertOwns(stakedWal);
    if (stakedWal.state.kind !== 'Staked') {
      throw new DomainError('INVALID_STATE', 'the stake is already being withdrawn', MOVE_ABORTS.notStaked);
    }
    if (canWithdrawEarly(stakedWal, inNextCommittee, wctx)) {
      throw new DomainError(
        'INVALID_STATE',
        'this stake can be withdrawn directly',
        MOVE_ABORTS.withdrawDirectly,
      );
    }
    if (stakedWal.activationEpoch === wctx.epoch + 1) {
      // Counted for the selected next committee but not active yet: it leaves one epoch later.
      const withdrawEpoch = stakedWal.activationEpoch + 1;
      this.preActiveWithdrawals.insertOrAdd(withdrawEpoch, stakedWal.principal);
      return setWithdrawing(stakedWal, withdrawEpoch);
    }
    if (stakedWal.activationEpoch > wctx.epoch) {
      throw new DomainError(
        'INVALID_STATE',
        'the stake is not active yet',
        MOVE_ABORTS.activationEpochNotReached,
      );
    }
    let withdrawEpoch: number;
    if (inNextCommittee) {
      withdrawEpoch = wctx.epoch + 2;
    } else if (inCurrentCommittee) {
      withdrawEpoch = wctx.epoch + 1;
    } else {
      throw new DomainError(
        'INVALID_STATE',
        'the node is in no committee: withdraw directly',
        MOVE_ABORTS.withdrawDirectly,
      );
    }
    const shares = toShares(this.exchangeRateAtEpoch(stakedWal.activationEpoch), stakedWal.principal);
    if (shares === 0n) {
      throw new DomainError('INVALID_AMOUNT', 'the stake is worth zero pool shares', MOVE_ABORTS.zeroShares);
    }
    this.pendingSharesWithdraw.insertOrAdd(withdrawEpoch, shares);
    return setWithdrawing(stakedWal, withdrawEpoch);
  }

  /** `withdraw_stake`: pays out the principal and, where earned, the rewards. */
  withdrawStake(
    stakedWal: StakedWal,
    inCurrentCommittee: boolean,
    inNextCommittee: boolean,
    wctx: WalrusContext,
  ): Withdrawal {
    this.assertOwns(stakedWal);
    const { activationEpoch, principal } = stakedWal;
    if (canWithdrawEarly(stakedWal, inNextCommittee, wctx)) {
      this.pendingStake.reduce(activationEpoch, principal);
      return { principal, rewards: 0n };
    }
    let rewards: bigint;
    if (!inCurrentCommittee && !inNextCommittee && stakedWal.state.kind === 'Staked') {
      if (activationEpoch > wctx.epoch) {
        this.pendingStake.reduce(activationEpoch, principal);
        rewards = 0n;
      } else {
        const shares = toShares(this.exchangeRateAtEpoch(activationEpoch), principal);
        this.pendingSharesWithdraw.insertOrAdd(wctx.epoch, shares);
        rewards = this.calculateRewards(principal, activationEpoch, wctx.epoch);
      }
    } else {
      if (stakedWal.state.kind !== 'Withdrawing') {
        throw new DomainError('INVALID_STATE', 'request the withdrawal first', MOVE_ABORTS.notWithdrawing);
      }
      if (stakedWal.state.withdrawEpoch > wctx.epoch) {
        throw new DomainError(
          'INVALID_STATE',
          `the stake can be withdrawn from epoch ${stakedWal.state.withdrawEpoch}`,
          MOVE_ABORTS.withdrawEpochNotReached,
        );
      }
      if (activationEpoch > wctx.epoch) {
        throw new DomainError(
          'INVALID_STATE',
          'the stake is not active yet',
          MOVE_ABORTS.activationEpochNotReached,
        );
      }
      rewards = this.calculateRewards(principal, activationEpoch, stakedWal.state.withdrawEpoch);
    }
    // Rounding can make the computed rewards exceed what the pool holds; pay what is there.
    const paid = rewards < this.rewardsPool ? rewards : this.rewardsPool;
    this.rewardsPool -= paid;
    return { principal, rewards: paid };
  }

  /**
   * `advance_epoch`: credits one epoch's rewards (minus commission at the old rate), applies a
   * scheduled commission rate, records the exchange rate and settles pending stake and withdrawals.
   * The commission credited here stays blocked until `voting_end`.
   */
  advanceEpoch(rewards: bigint, wctx: WalrusContext, rule: CommissionRule = 'exact-epoch'): void {
    const epoch = wctx.epoch;
    if (epoch <= this.latestEpoch) {
      throw new DomainError(
        'INVALID_STATE',
        `pool already advanced to epoch ${this.latestEpoch}`,
        MOVE_ABORTS.poolAlreadyUpdated,
      );
    }
    if (rewards !== 0n && this.walBalance === 0n) {
      throw new DomainError(
        'INVALID_STATE',
        'rewards for a pool without stake',
        MOVE_ABORTS.incorrectEpochAdvance,
      );
    }
    const commission = (rewards * BigInt(this.commissionRate)) / BigInt(N_BASIS_POINTS);
    this.addCommission(commission, true);

    if (rule === 'exact-epoch') {
      const scheduled = this.pendingCommissionRate.get(epoch);
      if (scheduled !== undefined) {
        this.commissionRate = Number(scheduled);
        this.pendingCommissionRate.flush(epoch);
      }
    } else {
      const scheduled = this.pendingCommissionRate.latestValueAt(epoch);
      if (scheduled !== undefined) {
        this.commissionRate = Number(scheduled);
      }
      this.pendingCommissionRate.flush(epoch);
    }

    const stakersShare = rewards - commission;
    this.rewardsPool += stakersShare;
    this.walBalance += stakersShare;
    this.latestEpoch = epoch;
    this.processPendingStake(wctx);
  }

  /** `process_pending_stake`: records rate[E], then activates and removes stake at that rate. */
  processPendingStake(wctx: WalrusContext): void {
    const epoch = wctx.epoch;
    const rate = exchangeRate(this.walBalance, this.numShares);
    this.exchangeRates.set(epoch, rate);
    this.walBalance += this.pendingStake.flush(epoch);

    let preActiveShares = 0n;
    for (const entry of this.preActiveWithdrawals.entries) {
      if (entry.epoch <= epoch) {
        // These principals were active for exactly one epoch, from entry.epoch − 1.
        preActiveShares += toShares(this.exchangeRateAtEpoch(entry.epoch - 1), entry.value);
      }
    }
    this.preActiveWithdrawals.flush(epoch);

    const sharesWithdrawn = this.pendingSharesWithdraw.flush(epoch);
    const withdrawn = toWal(rate, sharesWithdrawn + preActiveShares);
    if (withdrawn > this.walBalance) {
      throw new DomainError(
        'INVALID_STATE',
        'withdrawals exceed the pool balance',
        MOVE_ABORTS.calculationError,
      );
    }
    this.walBalance -= withdrawn;
    this.numShares = toShares(rate, this.walBalance);
  }

  /** The rate recorded at `epoch`, or the last one before it down to activation; Flat before that. */
  exchangeRateAtEpoch(epoch: number): PoolExchangeRate {
    return exchangeRateAt(this.exchangeRates, this.activationEpoch, epoch);
  }

  /** `wal_balance_at_epoch`: the active stake the pool will have at a current or future epoch. */
  walBalanceAtEpoch(epoch: number): bigint {
    const rate = exchangeRate(this.walBalance, this.numShares);
    let preActiveShares = 0n;
    for (const entry of this.preActiveWithdrawals.entries) {
      if (entry.epoch <= epoch) {
        preActiveShares += toShares(this.exchangeRateAtEpoch(entry.epoch - 1), entry.value);
      }
    }
    const withdrawn = toWal(rate, this.pendingSharesWithdraw.valueAt(epoch) + preActiveShares);
    return this.walBalance + this.pendingStake.valueAt(epoch) - withdrawn;
  }

  /** `calculate_rewards`: what a principal earned between two epochs, never negative. */
  calculateRewards(principal: bigint, activationEpoch: number, withdrawEpoch: number): bigint {
    return calculateRewards(
      this.exchangeRates,
      this.activationEpoch,
      principal,
      activationEpoch,
      withdrawEpoch,
    );
  }

  /** `set_next_commission`: the rate takes effect two epochs from now, replacing a rate already due then. */
  setNextCommission(commissionRate: number, wctx: WalrusContext): void {
    assertCommissionRate(commissionRate);
    this.pendingCommissionRate.insertOrReplace(wctx.epoch + 2, BigInt(commissionRate));
  }

  addCommission(amount: bigint, block: boolean): void {
    this.commission += amount;
    if (block) {
      this.blockedCommission += amount;
    }
  }

  /** Called for the previous committee's pools at `voting_end`. */
  clearBlockedCommission(): void {
    this.blockedCommission = 0n;
  }

  /** `extract_commission_to_burn` (slashing): the whole commission goes, blocked or not. */
  burnCommission(): bigint {
    const burned = this.commission;
    this.commission = 0n;
    this.blockedCommission = 0n;
    return burned;
  }

  /** `collect_commission`: pays out the commission that is not blocked. */
  collectCommission(): bigint {
    if (this.commission <= this.blockedCommission) {
      return 0n;
    }
    const collectable = this.commission - this.blockedCommission;
    this.commission -= collectable;
    return collectable;
  }

  private assertOwns(stakedWal: StakedWal): void {
    if (stakedWal.principal <= 0n) {
      throw new DomainError('INVALID_AMOUNT', 'the StakedWal holds nothing', MOVE_ABORTS.zeroStake);
    }
    if (stakedWal.nodeId !== this.nodeId) {
      throw new DomainError(
        'INVALID_ARGUMENT',
        `the StakedWal belongs to ${stakedWal.nodeId}`,
        MOVE_ABORTS.incorrectPoolId,
      );
    }
  }
}

function assertCommissionRate(rate: number): void {
  if (!Number.isInteger(rate) || rate < 0 || rate > N_BASIS_POINTS) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `a commission rate is 0..${N_BASIS_POINTS} basis points, got ${rate}`,
      MOVE_ABORTS.incorrectCommissionRate,
    );
  }
}
