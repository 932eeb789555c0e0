import type { ShardMoveState } from 'src/domain/shard-migration/shard-move';

/**
 * Deadlines of a handoff. The defaults are the storage node's own: it retries a failed shard sync
 * with a backoff of 60 s growing to 600 s, and switches to recovery after 12 h without progress.
 */
export interface HandoffDeadlines {
  /**
   * How long past its due time a move may go without progress before it counts as stalled: the
   * node's longest retry backoff, so that a healthy node has retried at least once.
   */
  readonly stallGraceMs: number;
  /** Time without progress after which a transfer is taken to have fallen back to recovery. */
  readonly recoveryAfterMs: number;
}

export const NODE_DEADLINES: HandoffDeadlines = {
  stallGraceMs: 600_000,
  recoveryAfterMs: 12 * 60 * 60 * 1000,
};

export interface MoveTiming {
  readonly state: ShardMoveState;
  /** When the move should be done, ms after the epoch change started. */
  readonly dueMs: number;
  /** When the move last changed state, ms after the epoch change started. */
  readonly lastProgressMs: number;
}

export interface MoveDeadlineCheck {
  /** Not recovering, past its due time and quiet for longer than the grace: the transfer is stuck. */
  readonly stalled: boolean;
  /** No progress for the recovery interval while not yet recovering: escalate to recovery. */
  readonly escalate: boolean;
}

/** Checks one move against the deadlines, `elapsedMs` after the epoch change started. */
export function checkMoveDeadline(
  move: MoveTiming,
  elapsedMs: number,
  deadlines: HandoffDeadlines,
): MoveDeadlineCheck {
  if (move.state === 'received' || move.state === 'failed') {
    return { stalled: false, escalate: false };
  }
  const quietMs = elapsedMs - move.lastProgressMs;
  const escalate = move.state !== 'recovering' && quietMs >= deadlines.recoveryAfterMs;
  // A recovery rebuilds the shard from every other node; it has no due time of its own, and a
  // node stuck in recovery shows as an overdue attestation instead.
  const stalled =
    move.state !== 'recovering' &&
    elapsedMs >= move.dueMs + deadlines.stallGraceMs &&
    quietMs >= deadlines.stallGraceMs;
  return { stalled, escalate };
}

/** True when a node that has not attested is past the time its last wave was due, plus the grace. */
export function isAttestationOverdue(
  nodeDueMs: number,
  elapsedMs: number,
  deadlines: HandoffDeadlines,
): boolean {
  return elapsedMs >= nodeDueMs + deadlines.stallGraceMs;
}
