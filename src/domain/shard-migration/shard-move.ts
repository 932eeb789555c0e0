/**
 * Where one shard move stands. `planned` until the destination reports the shard, then
 * `transferring` (direct sync from the previous owner) or `recovering` (rebuilt from the other
 * nodes), then `received`. `failed` when the next epoch began before the shard arrived.
 */
export type ShardMoveState = 'planned' | 'transferring' | 'recovering' | 'received' | 'failed';

export const SHARD_MOVE_STATES: readonly ShardMoveState[] = [
  'planned',
  'transferring',
  'recovering',
  'received',
  'failed',
];

/** The status labels of a storage node's health API (`ShardStatus` in `storage/shard.rs`). */
export type ShardHealthStatus = 'unknown' | 'ready' | 'inTransfer' | 'inRecovery' | 'readOnly';

/** What Tusk learns about a move. */
export type MoveObservation =
  /** The destination's health API reports the shard, for the move's epoch. */
  | { readonly kind: 'destinationStatus'; readonly status: ShardHealthStatus }
  /** The destination called `epoch_sync_done` for the epoch: every shard it gained is in place. */
  | { readonly kind: 'destinationAttested' }
  /** No progress within the recovery deadline: the node falls back to recovery, and so does the plan. */
  | { readonly kind: 'recoveryDeadlinePassed' }
  /** The next epoch change started and the destination never attested this one. */
  | { readonly kind: 'epochEnded' };

export function isTerminal(state: ShardMoveState): boolean {
  return state === 'received' || state === 'failed';
}

/**
 * The next state of a move after an observation; the same state when the observation does not
 * move it. The order mirrors the node's own shard status, which only goes None → ActiveSync →
 * ActiveRecover → Active: a shard seen in recovery is not taken back to transferring. The chain
 * has the last word: an attestation marks the move received whatever was seen before.
 */
export function advanceMove(state: ShardMoveState, observation: MoveObservation): ShardMoveState {
  if (observation.kind === 'destinationAttested') {
    return 'received';
  }
  if (isTerminal(state)) {
    return state;
  }
  switch (observation.kind) {
    case 'epochEnded':
      return 'failed';
    case 'recoveryDeadlinePassed':
      return state === 'recovering' ? state : 'recovering';
    case 'destinationStatus':
      switch (observation.status) {
        case 'ready':
          return 'received';
        case 'inRecovery':
          return 'recovering';
        case 'inTransfer':
          return state === 'planned' ? 'transferring' : state;
        case 'unknown':
        case 'readOnly':
          return state;
      }
  }
}
