import {
  checkMoveDeadline,
  isAttestationOverdue,
  type HandoffDeadlines,
} from 'src/domain/shard-migration/handoff-deadlines';
import {
  advanceMove,
  isTerminal,
  type MoveObservation,
  type ShardHealthStatus,
  type ShardMoveState,
} from 'src/domain/shard-migration/shard-move';
import { syncQuorum, type SyncQuorum } from 'src/domain/shard-migration/sync-quorum';
import type { NodeId } from 'src/domain/shared/node-id';
import type { AlertCondition } from 'src/store/alerts/alert.repository';
import type { NodeHealthRecord } from 'src/store/node-health/node-health.repository';
import type {
  MigrationNodeRecord,
  MigrationRecord,
  MoveRecord,
  MoveTransition,
} from 'src/store/shard-migration/shard-migration.repository';

/** Consecutive failed polls after which a node counts as unreachable (its circuit opens). */
export const UNREACHABLE_AFTER_FAILURES = 3;

export interface NodeAssessment {
  readonly node: MigrationNodeRecord;
  readonly attested: boolean;
  /** Null when never polled. */
  readonly reachable: boolean | null;
  /** The node reports an older epoch than the plan's: it has not processed the epoch change. */
  readonly behind: boolean;
  readonly overdue: boolean;
  readonly stalledMoves: number;
  readonly counts: Record<ShardMoveState, number>;
}

export interface MigrationAssessment {
  readonly transitions: MoveTransition[];
  /** Moves after the transitions. */
  readonly moves: MoveRecord[];
  readonly stalled: MoveRecord[];
  readonly nodes: NodeAssessment[];
  readonly quorum: SyncQuorum;
  readonly conditions: AlertCondition[];
  readonly counts: Record<ShardMoveState, number>;
}

const emptyCounts = (): Record<ShardMoveState, number> => ({
  planned: 0,
  transferring: 0,
  recovering: 0,
  received: 0,
  failed: 0,
});

/**
 * Where a handoff stands at `now`: the move transitions the chain and the nodes' health imply,
 * the deadline escalations, the stalls, the sync quorum, and the alert conditions. Pure: the
 * orchestrator stores its transitions and conditions, the API shows it as is.
 */
export function assessMigration(input: {
  readonly migration: MigrationRecord;
  readonly moves: readonly MoveRecord[];
  readonly nodes: readonly MigrationNodeRecord[];
  readonly health: ReadonlyMap<string, NodeHealthRecord>;
  readonly deadlines: HandoffDeadlines;
  readonly now: Date;
  /** False to skip deadlines (no stall, escalation or overdue): the index is too stale to tell. */
  readonly judge?: boolean;
}): MigrationAssessment {
  const { migration, deadlines, now } = input;
  const judge = input.judge ?? true;
  const startedMs = migration.startedAt.getTime();
  const elapsedMs = now.getTime() - startedMs;
  const nodeById = new Map(input.nodes.map((node) => [node.nodeId, node]));
  const transitions: MoveTransition[] = [];
  const stalled: MoveRecord[] = [];
  const reachableOf = (nodeId: string): boolean | null => {
    const health = input.health.get(nodeId);
    if (health === undefined) {
      return null;
    }
    return health.reachable || health.consecutiveFailures < UNREACHABLE_AFTER_FAILURES;
  };

  const moves = input.moves.map((move): MoveRecord => {
    let state = move.state;
    let since = move.stateSince;
    let escalated = move.escalated;
    const observe = (observation: MoveObservation, cause: MoveTransition['cause'], at: Date) => {
      const next = advanceMove(state, observation);
      if (next !== state) {
        transitions.push({ shard: move.shard, from: state, to: next, at, cause });
        state = next;
        since = at;
        escalated ||= cause === 'deadline';
      }
    };
    const destination = nodeById.get(move.toNode);
    if (destination !== undefined && destination.attestedAt !== null) {
      observe({ kind: 'destinationAttested' }, 'attested', destination.attestedAt);
    } else if (migration.endedAt !== null) {
      observe({ kind: 'epochEnded' }, 'epoch_ended', migration.endedAt);
    } else if (!isTerminal(state)) {
      const status = reportedStatus(input.health.get(move.toNode), move.shard, migration.epoch);
      if (status !== undefined) {
        observe({ kind: 'destinationStatus', status }, 'health', now);
      }
      // A shard waits for its wave: no progress is due before the wave starts.
      const waveStartMs = move.wave * migration.waveMs;
      const check = checkMoveDeadline(
        {
          state,
          dueMs: move.dueMs,
          lastProgressMs: Math.max(since.getTime() - startedMs, waveStartMs),
        },
        elapsedMs,
        deadlines,
      );
      // Escalated by Tusk while the node still reports a transfer: stuck until the node moves on.
      const escalatedButStuck = escalated && state === 'recovering' && status === 'inTransfer';
      if (check.escalate && judge) {
        observe({ kind: 'recoveryDeadlinePassed' }, 'deadline', now);
      }
      if (judge && (check.stalled || check.escalate || escalatedButStuck)) {
        stalled.push(move);
      }
    }
    return { ...move, state, stateSince: since, escalated };
  });

  const stalledByNode = new Map<string, MoveRecord[]>();
  for (const move of stalled) {
    stalledByNode.set(move.toNode, [...(stalledByNode.get(move.toNode) ?? []), move]);
  }
  const nodes = input.nodes.map((node): NodeAssessment => {
    const counts = emptyCounts();
    for (const move of moves) {
      if (move.toNode === node.nodeId) {
        counts[move.state]++;
      }
    }
    const attested = node.attestedAt !== null;
    const health = input.health.get(node.nodeId);
    return {
      node,
      attested,
      reachable: reachableOf(node.nodeId),
      behind: health !== undefined && health.epoch !== null && health.epoch < migration.epoch,
      overdue:
        judge &&
        !attested &&
        node.weight > 0 &&
        migration.endedAt === null &&
        isAttestationOverdue(node.dueMs, elapsedMs, deadlines),
      stalledMoves: stalledByNode.get(node.nodeId)?.length ?? 0,
      counts,
    };
  });

  const quorum = syncQuorum(
    nodes
      .filter((entry) => entry.node.weight > 0)
      .map((entry) => ({
        nodeId: entry.node.nodeId as NodeId,
        shards: entry.node.weight,
        attested: entry.attested,
        blocked: entry.reachable === false || entry.stalledMoves > 0 || entry.overdue,
      })),
    migration.nShards,
  );
  const counts = emptyCounts();
  for (const move of moves) {
    counts[move.state]++;
  }
  return {
    transitions,
    moves,
    stalled,
    nodes,
    quorum,
    conditions:
      migration.endedAt === null ? alertConditions(migration, moves, nodes, stalledByNode, quorum, now) : [],
    counts,
  };
}

/** The status of one shard in a destination's last good health report, if it speaks of this epoch. */
function reportedStatus(
  health: NodeHealthRecord | undefined,
  shard: number,
  epoch: number,
): ShardHealthStatus | undefined {
  if (health === undefined || !health.reachable || health.epoch !== epoch) {
    // Unreachable, or still in an older epoch: nothing is known about this shard, so nothing moves.
    return undefined;
  }
  if (health.shardStatuses !== null) {
    return health.shardStatuses.get(shard) as ShardHealthStatus | undefined;
  }
  const counts = health.shardCounts;
  // Without per-shard detail only "everything ready" says something about a given shard.
  return counts !== null && health.ownedShards !== null && counts.ready === health.ownedShards
    ? 'ready'
    : undefined;
}

function alertConditions(
  migration: MigrationRecord,
  moves: readonly MoveRecord[],
  nodes: readonly NodeAssessment[],
  stalledByNode: ReadonlyMap<string, MoveRecord[]>,
  quorum: SyncQuorum,
  now: Date,
): AlertCondition[] {
  const conditions: AlertCondition[] = [];
  const label = (node: MigrationNodeRecord) => node.name ?? node.nodeId;
  const nodeById = new Map(nodes.map((entry) => [entry.node.nodeId, entry]));
  const nameOf = (nodeId: string) => nodeById.get(nodeId)?.node.name ?? nodeId;
  for (const [nodeId, stalled] of stalledByNode) {
    const node = nodeById.get(nodeId)?.node;
    if (node === undefined) {
      continue;
    }
    const quietSeconds = Math.round(
      Math.min(...stalled.map((move) => now.getTime() - move.stateSince.getTime())) / 1000,
    );
    const sources = [...new Set(stalled.map((move) => move.fromNode).filter((from) => from !== null))];
    conditions.push({
      kind: 'handoff_stalled',
      epoch: migration.epoch,
      subject: nodeId,
      summary: `${label(node)}: ${stalled.length} shard handoff(s) into epoch ${migration.epoch} made no progress for ${quietSeconds} s past their due time`,
      details: {
        node: nodeId,
        shards: stalled.map((move) => move.shard),
        states: [...new Set(stalled.map((move) => move.state))],
        sources: sources.map((source) => ({ nodeId: source, name: nameOf(source) })),
        quietSeconds,
      },
    });
  }
  for (const entry of nodes) {
    const name = label(entry.node);
    if (entry.overdue) {
      conditions.push({
        kind: 'attestation_overdue',
        epoch: migration.epoch,
        subject: entry.node.nodeId,
        summary: `${name} has not attested epoch ${migration.epoch} (epoch_sync_done) though its handoff was due ${Math.round(entry.node.dueMs / 1000)} s after the epoch change`,
        details: { node: entry.node.nodeId, weight: entry.node.weight, pending: entry.counts },
      });
    }
    const involved =
      (entry.node.weight > 0 && !entry.attested) ||
      moves.some((move) => move.fromNode === entry.node.nodeId && !isTerminal(move.state));
    if (involved && entry.reachable === false) {
      conditions.push({
        kind: 'node_unreachable',
        epoch: migration.epoch,
        subject: entry.node.nodeId,
        summary: `${name} does not answer its health API during the handoff into epoch ${migration.epoch}`,
        details: { node: entry.node.nodeId },
      });
    }
  }
  if (migration.doneAt === null && quorum.atRisk) {
    conditions.push({
      kind: 'quorum_at_risk',
      epoch: migration.epoch,
      subject: 'network',
      summary: `epoch ${migration.epoch} cannot reach the sync quorum without blocked nodes: ${quorum.attestedWeight} of ${quorum.quorumWeight} shards attested, ${quorum.missingWeight} missing; blocked: ${quorum.blocking.map((member) => nameOf(member.nodeId)).join(', ')}`,
      details: {
        attestedWeight: quorum.attestedWeight,
        quorumWeight: quorum.quorumWeight,
        missingWeight: quorum.missingWeight,
        blocking: quorum.blocking.map((member) => ({ nodeId: member.nodeId, weight: member.shards })),
      },
    });
  }
  return conditions;
}
