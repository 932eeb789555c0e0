import type { EpochState } from 'src/domain/epochs/epoch-clock';

/**
 * How long a delegator can still keep a scheduled commission rate off their stake. A rate that
 * takes effect in epoch E first applies to the rewards of epoch E (`advance_epoch` splits the
 * previous epoch's rewards before it switches the rate). Stake stops earning in the epoch a
 * withdrawal request sets: E or earlier only when the request is sent in epoch E − 1 or before,
 * and before that epoch's `voting_end` (after it the selected committee holds the stake one epoch
 * more).
 */
export interface CommissionAvoidance {
  /** The last epoch in which a `request_withdraw_stake` still avoids the rate. */
  readonly requestInEpoch: number;
  /**
   * The earliest time that epoch's `voting_end` may run (the epoch started no earlier than
   * forecast and voting_end waits half an epoch after its handoff): a request sent before it is
   * safe. Null when too late, or while a handoff hides the current epoch's schedule.
   */
  readonly requestBeforeMs: number | null;
  readonly tooLate: boolean;
}

export interface CommissionClock {
  readonly epoch: number;
  readonly state: EpochState;
  readonly epochDurationMs: number;
}

/**
 * The clock of the staking object as indexed: its epoch state, and when the last handoff was done
 * (unknown while syncing, or before the index saw it, when the state counts as a handoff).
 */
export function commissionClock(staking: {
  readonly epoch: number;
  readonly epochState: 'EpochChangeSync' | 'EpochChangeDone' | 'NextParamsSelected';
  readonly syncWeight: number | null;
  readonly stateTimestampMs: bigint | null;
  readonly epochDurationMs: bigint;
}): CommissionClock {
  const doneAtMs = staking.stateTimestampMs === null ? null : Number(staking.stateTimestampMs);
  return {
    epoch: staking.epoch,
    epochDurationMs: Number(staking.epochDurationMs),
    state:
      staking.epochState === 'EpochChangeSync' || doneAtMs === null
        ? { kind: 'EpochChangeSync', weight: staking.syncWeight ?? 0 }
        : { kind: staking.epochState, doneAtMs },
  };
}

export function commissionAvoidance(effectiveEpoch: number, clock: CommissionClock): CommissionAvoidance {
  const requestInEpoch = effectiveEpoch - 1;
  const half = Math.floor(clock.epochDurationMs / 2);
  if (clock.epoch > requestInEpoch) {
    return { requestInEpoch, requestBeforeMs: null, tooLate: true };
  }
  if (clock.state.kind === 'EpochChangeSync') {
    return { requestInEpoch, requestBeforeMs: null, tooLate: false };
  }
  if (clock.epoch === requestInEpoch) {
    return clock.state.kind === 'NextParamsSelected'
      ? { requestInEpoch, requestBeforeMs: null, tooLate: true }
      : { requestInEpoch, requestBeforeMs: clock.state.doneAtMs + half, tooLate: false };
  }
  // Epoch `clock.epoch + k` starts no earlier than k epochs after this one's handoff was done.
  const startOfRequestEpoch = clock.state.doneAtMs + (requestInEpoch - clock.epoch) * clock.epochDurationMs;
  return { requestInEpoch, requestBeforeMs: startOfRequestEpoch + half, tooLate: false };
}
