import { canWithdrawEarly, type StakedWal, type WalrusContext } from 'src/domain/staking/staked-wal';

/** The two calls that take stake out of a pool. */
export type WithdrawCall = 'withdraw_stake' | 'request_withdraw_stake';

/**
 * What a StakedWal's owner can do, by the contract's rules (`staking_pool::request_withdraw_stake`
 * and `withdraw_stake`, as `StakingPool` models them).
 */
export interface WithdrawalGuidance {
  /** The call that succeeds now; undefined while a requested withdrawal is not yet due. */
  readonly callNow: WithdrawCall | undefined;
  /**
   * The first epoch `withdraw_stake` succeeds: now, when a requested withdrawal is due, or (when
   * `afterRequest`) the one a `request_withdraw_stake` sent now would set.
   */
  readonly withdrawStakeFromEpoch: number;
  /** `withdrawStakeFromEpoch` holds only once `request_withdraw_stake` is called. */
  readonly afterRequest: boolean;
  /** Whether `withdraw_stake`, when it succeeds, pays rewards besides the principal. */
  readonly paysRewards: boolean;
}

/**
 * Which call succeeds for `stakedWal` now, and from which epoch `withdraw_stake` will. The node's
 * membership is of the current committee and of the next one once selected (before `voting_end`
 * there is no next committee, and the contract counts the node as out of it).
 */
export function withdrawalGuidance(
  stakedWal: StakedWal,
  inCurrentCommittee: boolean,
  inNextCommittee: boolean,
  wctx: WalrusContext,
): WithdrawalGuidance {
  const epoch = wctx.epoch;
  if (stakedWal.state.kind === 'Withdrawing') {
    const due = stakedWal.state.withdrawEpoch <= epoch;
    return {
      callNow: due ? 'withdraw_stake' : undefined,
      withdrawStakeFromEpoch: Math.max(stakedWal.state.withdrawEpoch, epoch),
      afterRequest: false,
      paysRewards: true,
    };
  }
  if (canWithdrawEarly(stakedWal, inNextCommittee, wctx)) {
    // Not counted by any committee vote yet: taken back at once, principal only.
    return {
      callNow: 'withdraw_stake',
      withdrawStakeFromEpoch: epoch,
      afterRequest: false,
      paysRewards: false,
    };
  }
  if (!inCurrentCommittee && !inNextCommittee) {
    // One-step withdrawal from a node in no committee (`request_withdraw_stake` aborts with
    // `EWithdrawDirectly` here).
    return {
      callNow: 'withdraw_stake',
      withdrawStakeFromEpoch: epoch,
      afterRequest: false,
      paysRewards: stakedWal.activationEpoch <= epoch,
    };
  }
  // The stake is held by a committee: a request first. Counted for the selected next committee
  // but not active yet, it leaves the epoch after its activation; active, it leaves after the last
  // committee holding it (the next one if selected, else the current one).
  const withdrawEpoch =
    stakedWal.activationEpoch === epoch + 1
      ? stakedWal.activationEpoch + 1
      : inNextCommittee
        ? epoch + 2
        : epoch + 1;
  return {
    callNow: 'request_withdraw_stake',
    withdrawStakeFromEpoch: withdrawEpoch,
    afterRequest: true,
    paysRewards: true,
  };
}
