import { parseNodeStatus } from 'src/domain/shard-migration/node-status';

/**
 * Whether Walrus can serve reads and writes now, from the committee and the nodes' own health.
 * With n shards of which at most f = ⌊(n − 1) / 3⌋ may be faulty (`max_n_faulty` in walrus-core),
 * a read needs slivers from shards worth n − 2f (334 of 1000) and a write needs confirmations
 * worth n − f (667 of 1000).
 */
export interface AvailabilityThresholds {
  readonly nShards: number;
  readonly read: number;
  readonly write: number;
}

export function availabilityThresholds(nShards: number): AvailabilityThresholds {
  const faulty = Math.floor((nShards - 1) / 3);
  return { nShards, read: nShards - 2 * faulty, write: nShards - faulty };
}

/**
 * Why a node does not serve some of its shards, worst first: it did not answer within the
 * freshness window, it answers for an earlier epoch, it is recovering (as a node, or the shards
 * are in recovery), or the shards are not ready yet (in transfer, unknown, or not reported).
 */
export const UNAVAILABILITY_REASONS = ['unreachable', 'behind', 'recovering', 'not_ready'] as const;
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];

/** A node's latest health as the poller stored it. */
export interface NodeObservation {
  /** When it last answered; null when it never did. A failed poll since leaves it as it was. */
  readonly lastOkAtMs: number | null;
  readonly epoch: number | null;
  readonly nodeStatus: string | null;
  readonly counts: { readonly ready: number; readonly inRecovery: number } | null;
  /** Status of each shard it owns; null when it gave no per-shard detail. */
  readonly shardStatuses: ReadonlyMap<number, string> | null;
}

export interface MemberAvailability {
  readonly nodeId: string;
  readonly shards: number;
  readonly availableShards: number;
  /** Null when every shard is available. */
  readonly reason: UnavailabilityReason | null;
}

export interface AvailabilityVerdict extends AvailabilityThresholds {
  readonly epoch: number;
  readonly shardsAvailable: number;
  readonly shardsUnavailable: number;
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly members: readonly MemberAvailability[];
}

const RECOVERING_KINDS = new Set([
  'RecoverMetadata',
  'RecoveryCatchUp',
  'RecoveryInProgress',
  'RecoveryCatchUpWithIncompleteHistory',
]);

/**
 * One committee member's shards: available when it answered within `freshnessMs` of `nowMs`, is
 * in `epoch` (or later, should the index lag the node), and reports the shard `ready`. Without
 * per-shard detail its ready count stands for its assigned shards, up to their number.
 */
export function memberAvailability(
  member: { readonly nodeId: string; readonly shards: readonly number[] },
  observation: NodeObservation | undefined,
  context: {
    readonly epoch: number;
    readonly nowMs: number;
    readonly freshnessMs: number;
    /** When the epoch started; within the freshness window after it a node is not yet behind. */
    readonly epochStartedAtMs?: number | null;
  },
): MemberAvailability {
  const shards = member.shards.length;
  const none = (reason: UnavailabilityReason): MemberAvailability => ({
    nodeId: member.nodeId,
    shards,
    availableShards: 0,
    reason: shards === 0 ? null : reason,
  });
  if (
    observation === undefined ||
    observation.lastOkAtMs === null ||
    context.nowMs - observation.lastOkAtMs > context.freshnessMs
  ) {
    return none('unreachable');
  }
  // A node gets the epoch change from its own view of the chain: until it had a poll's time to
  // take it, its answer from the epoch before is judged by the shards it reports.
  const justChanged =
    context.epochStartedAtMs !== undefined &&
    context.epochStartedAtMs !== null &&
    context.nowMs - context.epochStartedAtMs <= context.freshnessMs;
  if (observation.epoch === null || (observation.epoch < context.epoch && !justChanged)) {
    return none('behind');
  }
  let available: number;
  if (observation.shardStatuses !== null) {
    available = member.shards.filter((shard) => observation.shardStatuses?.get(shard) === 'ready').length;
  } else {
    available = Math.min(shards, observation.counts?.ready ?? 0);
  }
  if (available === shards) {
    return { nodeId: member.nodeId, shards, availableShards: available, reason: null };
  }
  const recovering =
    (observation.nodeStatus !== null && RECOVERING_KINDS.has(parseNodeStatus(observation.nodeStatus).kind)) ||
    (observation.counts?.inRecovery ?? 0) > 0;
  return {
    nodeId: member.nodeId,
    shards,
    availableShards: available,
    reason: recovering ? 'recovering' : 'not_ready',
  };
}

/** The network's verdict: each member's available shards, summed against the two thresholds. */
export function availabilityVerdict(
  committee: readonly { readonly nodeId: string; readonly shards: readonly number[] }[],
  observations: ReadonlyMap<string, NodeObservation>,
  context: {
    readonly epoch: number;
    readonly nShards: number;
    readonly nowMs: number;
    readonly freshnessMs: number;
    readonly epochStartedAtMs?: number | null;
  },
): AvailabilityVerdict {
  const members = committee.map((member) =>
    memberAvailability(member, observations.get(member.nodeId), context),
  );
  const thresholds = availabilityThresholds(context.nShards);
  const shardsAvailable = members.reduce((total, member) => total + member.availableShards, 0);
  return {
    ...thresholds,
    epoch: context.epoch,
    shardsAvailable,
    shardsUnavailable: context.nShards - shardsAvailable,
    canRead: shardsAvailable >= thresholds.read,
    canWrite: shardsAvailable >= thresholds.write,
    members,
  };
}

/**
 * How many more nodes, taking the largest still serving first, would have to go down for the
 * available shards to fall below `threshold`: 0 when they already are; null when even all of
 * them going down would not (a threshold of 0).
 */
export function nodesUntilBelow(
  verdict: Pick<AvailabilityVerdict, 'shardsAvailable' | 'members'>,
  threshold: number,
): number | null {
  let available = verdict.shardsAvailable;
  if (available < threshold) {
    return 0;
  }
  const serving = verdict.members
    .map((member) => member.availableShards)
    .filter((shards) => shards > 0)
    .sort((a, b) => b - a);
  for (const [index, shards] of serving.entries()) {
    available -= shards;
    if (available < threshold) {
      return index + 1;
    }
  }
  return null;
}

/**
 * What a verdict means for users, in words: what fails now, or how many more nodes (largest
 * serving first, see `nodesUntilBelow`) would have to go down for writes to fail.
 */
export function verdictSentence(verdict: {
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly writesFailAfterNodes: number | null;
  readonly readsFailAfterNodes: number | null;
}): string {
  const nodes = (count: number) => `${count} more node${count === 1 ? '' : 's'}`;
  return !verdict.canRead
    ? 'reads and writes fail now'
    : !verdict.canWrite
      ? `writes fail now; reads fail if ${nodes(verdict.readsFailAfterNodes ?? 0)} go down`
      : `writes fail if ${nodes(verdict.writesFailAfterNodes ?? 0)} go down`;
}

/** An interval, open (`endMs` null) until it ended. */
export interface Interval {
  readonly startMs: number;
  readonly endMs: number | null;
}

/**
 * The share of `[fromMs, toMs)` that no interval covers, counted from `observedFromMs` (before the
 * first observation nothing is known, and it counts neither for nor against); null when nothing
 * of the window was observed.
 */
export function uptimeShare(
  incidents: readonly Interval[],
  window: { readonly fromMs: number; readonly toMs: number; readonly observedFromMs: number | null },
): number | null {
  if (window.observedFromMs === null) {
    return null;
  }
  const from = Math.max(window.fromMs, window.observedFromMs);
  const length = window.toMs - from;
  if (length <= 0) {
    return null;
  }
  const clipped = incidents
    .map((incident) => ({
      start: Math.max(from, incident.startMs),
      end: Math.min(window.toMs, incident.endMs ?? window.toMs),
    }))
    .filter((interval) => interval.end > interval.start)
    .sort((a, b) => a.start - b.start);
  let covered = 0;
  let reach = from;
  for (const interval of clipped) {
    const start = Math.max(reach, interval.start);
    if (interval.end > start) {
      covered += interval.end - start;
      reach = interval.end;
    }
  }
  return 1 - covered / length;
}

/** What one poll of a node found, as an attestation audit reads it. */
export interface AttestationEvidence {
  readonly atMs: number;
  readonly owned: number | null;
  readonly ready: number | null;
}

export interface AttestationAudit {
  readonly verdict: 'ok' | 'premature' | 'unobserved';
  readonly evidence: AttestationEvidence | undefined;
  readonly notReadyShards: number | null;
}

/**
 * Whether a node's `epoch_sync_done` came while its shards were not all ready. The evidence is the
 * node's last answer before the attestation and its first after. A node attests the moment its
 * last shard is ready, so the answer before almost always shows one still syncing: it alone cannot
 * convict. The attestation is premature when every answer there is shows shards not ready (the
 * one before and the one after, or the only one); `unobserved` when the node never answered
 * during the handoff.
 */
export function auditAttestation(
  before: AttestationEvidence | undefined,
  after: AttestationEvidence | undefined,
): AttestationAudit {
  const notReady = (evidence: AttestationEvidence) =>
    evidence.owned === null ? 0 : Math.max(0, evidence.owned - (evidence.ready ?? 0));
  const answers = [before, after].filter((evidence) => evidence !== undefined);
  const evidence = before ?? after;
  if (evidence === undefined) {
    return { verdict: 'unobserved', evidence: undefined, notReadyShards: null };
  }
  const premature = answers.every((answer) => notReady(answer) > 0);
  const decisive = premature
    ? (after ?? evidence)
    : (answers.find((answer) => notReady(answer) === 0) ?? evidence);
  return { verdict: premature ? 'premature' : 'ok', evidence: decisive, notReadyShards: notReady(decisive) };
}
