import { DomainError } from 'src/domain/shared/domain.error';
import { isQuorum, quorumWeight } from 'src/domain/votes/quorum';

/** `staking_inner::EpochState`. Timestamps are Unix milliseconds. */
export type EpochState =
  /** Shard migration in progress; `weight` shards have attested `epoch_sync_done`. */
  | { readonly kind: 'EpochChangeSync'; readonly weight: number }
  /** The epoch change completed (sync quorum) at `doneAtMs`. */
  | { readonly kind: 'EpochChangeDone'; readonly doneAtMs: number }
  /** The next committee is selected; `doneAtMs` is still the current epoch's completion time. */
  | { readonly kind: 'NextParamsSelected'; readonly doneAtMs: number };

/**
 * Where an epoch is in its life cycle, finer than `EpochState`: it also tells whether the next
 * permissionless step (`voting_end`, `initiate_epoch_change_v2`) is already allowed.
 */
export type EpochPhase =
  'SHARD_MIGRATION' | 'STAKING_OPEN' | 'VOTING_END_DUE' | 'COMMITTEE_SELECTED' | 'EPOCH_CHANGE_DUE';

export interface EpochClockInput {
  readonly epoch: number;
  readonly state: EpochState;
  /** `epoch_duration`, ms. */
  readonly epochDurationMs: number;
  /** `first_epoch_start`, ms: the earliest time epoch 0 may end. */
  readonly firstEpochStartMs: number;
  readonly nShards: number;
  readonly nowMs: number;
}

export interface EpochForecast {
  readonly phase: EpochPhase;
  /** Earliest time `voting_end` may run; null while migrating or once the committee is selected. */
  readonly votingEndAtMs: number | null;
  /** Earliest time the epoch change may start; null while migrating. */
  readonly epochChangeAtMs: number | null;
  /**
   * Latest time storage nodes are expected to run each step: nodes schedule it with a random delay
   * of up to min(3 min, D/10).
   */
  readonly votingEndExpectedByMs: number | null;
  readonly epochChangeExpectedByMs: number | null;
  /** For SHARD_MIGRATION: attested weight and the quorum it needs. */
  readonly syncWeight: number | null;
  readonly syncQuorum: number;
}

/** Nodes delay each scheduled call by up to min(3 minutes, D/10). */
export function maxSchedulingJitterMs(epochDurationMs: number): number {
  return Math.min(3 * 60_000, Math.floor(epochDurationMs / 10));
}

/**
 * Forecasts the epoch's next steps from its state. voting_end is allowed from t_done + D/2
 * (epoch 0: from first_epoch_start); the epoch change from t_done + D (epoch 0: first_epoch_start).
 * During shard migration t_done is unknown, so no time can be forecast.
 */
export function forecastEpoch(input: EpochClockInput): EpochForecast {
  const { epoch, state, epochDurationMs, firstEpochStartMs, nShards, nowMs } = input;
  if (epochDurationMs <= 0 || !Number.isInteger(epochDurationMs)) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `the epoch duration must be a positive number of ms, got ${epochDurationMs}`,
    );
  }
  const jitter = maxSchedulingJitterMs(epochDurationMs);
  const syncQuorum = quorumWeight(nShards);

  switch (state.kind) {
    case 'EpochChangeSync':
      return {
        phase: 'SHARD_MIGRATION',
        votingEndAtMs: null,
        epochChangeAtMs: null,
        votingEndExpectedByMs: null,
        epochChangeExpectedByMs: null,
        syncWeight: state.weight,
        syncQuorum,
      };
    case 'EpochChangeDone': {
      const votingEndAtMs =
        epoch === 0 ? firstEpochStartMs : state.doneAtMs + Math.floor(epochDurationMs / 2);
      const epochChangeAtMs = epoch === 0 ? firstEpochStartMs : state.doneAtMs + epochDurationMs;
      return {
        phase: nowMs >= votingEndAtMs ? 'VOTING_END_DUE' : 'STAKING_OPEN',
        votingEndAtMs,
        epochChangeAtMs,
        votingEndExpectedByMs: votingEndAtMs + jitter,
        epochChangeExpectedByMs: epochChangeAtMs + jitter,
        syncWeight: null,
        syncQuorum,
      };
    }
    case 'NextParamsSelected': {
      const epochChangeAtMs = epoch === 0 ? firstEpochStartMs : state.doneAtMs + epochDurationMs;
      return {
        phase: nowMs >= epochChangeAtMs ? 'EPOCH_CHANGE_DUE' : 'COMMITTEE_SELECTED',
        votingEndAtMs: null,
        epochChangeAtMs,
        votingEndExpectedByMs: null,
        epochChangeExpectedByMs: epochChangeAtMs + jitter,
        syncWeight: null,
        syncQuorum,
      };
    }
  }
}

/**
 * `epoch_sync_done` bookkeeping: adds an attesting node's shards to the sync weight and returns the
 * new state; reaching a quorum completes the epoch change at `nowMs`. Other states are unchanged.
 */
export function recordSyncDone(
  state: EpochState,
  nodeShards: number,
  nShards: number,
  nowMs: number,
): EpochState {
  if (state.kind !== 'EpochChangeSync') {
    return state;
  }
  const weight = state.weight + nodeShards;
  return isQuorum(weight, nShards)
    ? { kind: 'EpochChangeDone', doneAtMs: nowMs }
    : { kind: 'EpochChangeSync', weight };
}
