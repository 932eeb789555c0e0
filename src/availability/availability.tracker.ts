import type { DataSource, EntityManager } from 'typeorm';
import {
  auditAttestation,
  availabilityVerdict,
  nodesUntilBelow,
  verdictSentence,
  type AttestationEvidence,
  type AvailabilityVerdict,
  type MemberAvailability,
  type NodeObservation,
} from 'src/domain/availability/availability';
import {
  AlertRepository,
  AVAILABILITY_ALERT_KINDS,
  type AlertCondition,
  type AlertRecord,
} from 'src/store/alerts/alert.repository';
import {
  AvailabilityRepository,
  type AttestationAuditRecord,
  type IncidentRecord,
  type NodeHealthIntervalRecord,
  type NodeHealthState,
} from 'src/store/availability/availability.repository';
import { NodeHealthRepository, type NodeHealthRecord } from 'src/store/node-health/node-health.repository';
import { PoolRepository } from 'src/store/pools/pool.repository';
import { StakedWalRepository } from 'src/store/positions/staked-wal.repository';
import { ShardMigrationRepository } from 'src/store/shard-migration/shard-migration.repository';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { EpochRepository } from 'src/store/epochs/epoch.repository';
import { formatWholeWal } from 'src/domain/shared/wal';

export interface AvailabilityTrackerOptions {
  readonly freshnessMs: number;
  readonly writesAtRiskMarginShards: number;
  readonly retentionMs: number;
  readonly webhookUrls: readonly string[];
  /** How long after an attestation its audit waits for the node's next answer. */
  readonly auditSettleMs: number;
}

export interface TrackResult {
  readonly verdict: AvailabilityVerdict | undefined;
  readonly verdictChanged: boolean;
  readonly incidentsOpened: readonly IncidentRecord[];
  readonly incidentsEnded: readonly IncidentRecord[];
  readonly opened: readonly AlertRecord[];
  readonly resolved: readonly AlertRecord[];
  readonly audited: number;
}

const NOTHING: TrackResult = {
  verdict: undefined,
  verdictChanged: false,
  incidentsOpened: [],
  incidentsEnded: [],
  opened: [],
  resolved: [],
  audited: 0,
};

const PRUNE_EVERY_MS = 3_600_000;

/**
 * Turns the latest health polls into history: the network's read/write verdict, each node's state
 * as it changes, members' incidents, the audit of attestations, and the alerts they call for, all
 * in one transaction per tick. Runs where the orchestrator lock is held, after each round of polls.
 */
export class AvailabilityTracker {
  private lastPruneMs = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: AvailabilityTrackerOptions,
  ) {}

  async track(now: Date): Promise<TrackResult> {
    const result = await this.dataSource.transaction((manager) => this.trackIn(manager, now));
    if (now.getTime() - this.lastPruneMs >= PRUNE_EVERY_MS) {
      this.lastPruneMs = now.getTime();
      await AvailabilityRepository.prune(
        this.dataSource.manager,
        new Date(now.getTime() - this.options.retentionMs),
      );
    }
    return result;
  }

  private async trackIn(manager: EntityManager, now: Date): Promise<TrackResult> {
    // One tracker at a time, should two processes ever hold a term at once.
    await manager.query('SELECT pg_advisory_xact_lock($1)', [TRACKER_LOCK_KEY]);
    const state = await StakingStateRepository.stakingState(manager);
    if (state === undefined) {
      return NOTHING;
    }
    const committee = await StakingStateRepository.members(manager, state.epoch);
    if (committee.length === 0) {
      // Before the first committee (epoch 0) nothing is stored, so nothing can be read or written.
      return NOTHING;
    }
    const health = await NodeHealthRepository.all(manager);
    const observations = new Map(health.map((record) => [record.nodeId, observationOf(record)]));
    const epoch = await EpochRepository.system(manager, state.epoch);
    const verdict = availabilityVerdict(committee, observations, {
      epoch: state.epoch,
      nShards: state.nShards,
      nowMs: now.getTime(),
      freshnessMs: this.options.freshnessMs,
      epochStartedAtMs: epoch?.startedAt?.getTime() ?? null,
    });
    const byNode = new Map(verdict.members.map((member) => [member.nodeId, member]));
    await AvailabilityRepository.recordNodeStates(
      manager,
      health.map((record) => nodeState(record, byNode.get(record.nodeId), state.epoch, now, this.options)),
    );
    const verdictChanged = await AvailabilityRepository.recordVerdict(manager, verdict, now);
    const lacking = verdict.members.flatMap((member) =>
      member.reason === null ? [] : [{ ...member, reason: member.reason }],
    );
    const ids = lacking.map((member) => member.nodeId);
    // One connection per transaction: the two reads run one after the other.
    const stakes =
      ids.length === 0 ? new Map<string, bigint>() : await PoolRepository.latestStakes(manager, ids);
    const delegators =
      ids.length === 0 ? new Map<string, number>() : await StakedWalRepository.delegatorCounts(manager, ids);
    const missing = lacking.map((member) => ({
      nodeId: member.nodeId,
      unavailableShards: member.shards - member.availableShards,
      reason: member.reason,
      stake: stakes.get(member.nodeId) ?? 0n,
      delegators: delegators.get(member.nodeId) ?? 0,
    }));
    const incidents = await AvailabilityRepository.syncIncidents(manager, state.epoch, missing, now);
    const audited = await this.audit(manager, now);
    const alerts = await this.raiseAlerts(manager, verdict, now);
    return {
      verdict,
      verdictChanged,
      incidentsOpened: incidents.opened,
      incidentsEnded: incidents.ended,
      ...alerts,
      audited,
    };
  }

  /** Audits every attestation whose next poll has had time to come. */
  private async audit(manager: EntityManager, now: Date): Promise<number> {
    const due = await AvailabilityRepository.unauditedAttestations(
      manager,
      new Date(now.getTime() - this.options.auditSettleMs),
    );
    const audits: AttestationAuditRecord[] = [];
    for (const attestation of due) {
      const around = await AvailabilityRepository.statesAround(
        manager,
        attestation.nodeId,
        attestation.attestedAt,
        {
          epoch: attestation.epoch,
          startedAt: attestation.handoffStartedAt,
        },
      );
      const before = around.before === undefined ? undefined : evidenceOf(around.before, 'last');
      const after = around.after === undefined ? undefined : evidenceOf(around.after, 'first');
      const audit = auditAttestation(before, after);
      const decisive =
        audit.evidence === undefined ? undefined : audit.evidence === after ? around.after : around.before;
      audits.push({
        epoch: attestation.epoch,
        nodeId: attestation.nodeId,
        attestedAt: attestation.attestedAt,
        // A node that gained nothing has nothing to sync: its attestation cannot come early.
        verdict: attestation.gained === 0 && audit.verdict === 'premature' ? 'ok' : audit.verdict,
        evidenceAt: audit.evidence === undefined ? null : new Date(audit.evidence.atMs),
        gained: attestation.gained,
        notReadyShards: audit.notReadyShards,
        nodeStatus: decisive?.nodeStatus ?? null,
      });
    }
    await AvailabilityRepository.writeAudits(manager, audits);
    return audits.length;
  }

  /**
   * Alerts of the current epoch: a member not serving its shards (with its stake, delegators and
   * what it does to the verdict), writes at risk, reads down, and attestations audited premature
   * or unobserved. Those of earlier epochs resolve as the epoch ends.
   */
  private async raiseAlerts(
    manager: EntityManager,
    verdict: AvailabilityVerdict,
    now: Date,
  ): Promise<{ opened: AlertRecord[]; resolved: AlertRecord[] }> {
    const opened: AlertRecord[] = [];
    const resolved: AlertRecord[] = [];
    resolved.push(
      ...(await AlertRepository.resolveEarlierEpochs(manager, verdict.epoch, {
        now,
        webhookUrls: this.options.webhookUrls,
        kinds: AVAILABILITY_ALERT_KINDS,
      })),
    );
    const handoffUnderWay = (await ShardMigrationRepository.activeMigrations(manager)).some(
      (migration) => migration.epoch === verdict.epoch,
    );
    const open = await AvailabilityRepository.incidents(manager, {
      from: now,
      to: now,
      limit: verdict.members.length + 1,
    });
    const incidentOf = new Map(
      open.filter((incident) => incident.endedAt === null).map((i) => [i.nodeId, i]),
    );
    const audits = await AvailabilityRepository.audits(manager, { epoch: verdict.epoch, limit: 1000 });
    const names = await PoolRepository.names(manager, [
      ...verdict.members.map((member) => member.nodeId),
      ...audits.map((audit) => audit.nodeId),
    ]);
    const impact = networkImpact(verdict);
    const conditions: AlertCondition[] = [];
    for (const member of verdict.members) {
      // Shards in transfer during a handoff are the orchestrator's to watch; after it, they are an outage.
      if (member.reason === null || (member.reason === 'not_ready' && handoffUnderWay)) {
        continue;
      }
      const name = names.get(member.nodeId) ?? member.nodeId;
      const incident = incidentOf.get(member.nodeId);
      const unavailable = member.shards - member.availableShards;
      const stake = incident?.stakeAffected ?? 0n;
      const delegators = incident?.delegatorsAffected ?? 0;
      conditions.push({
        kind: 'node_unavailable',
        epoch: verdict.epoch,
        subject: member.nodeId,
        summary:
          `${name} is ${member.reason.replace('_', ' ')}: ${unavailable} of its ${member.shards} shards unavailable, ` +
          `${formatWholeWal(stake)} WAL staked by ${delegators} delegator${delegators === 1 ? '' : 's'}; ${impact.sentence}`,
        details: {
          node: member.nodeId,
          name,
          operator: name,
          reason: member.reason,
          shards: member.shards,
          unavailableShards: unavailable,
          stakeAffected: stake.toString(),
          delegatorsAffected: delegators,
          incidentStartedAt: incident?.startedAt.toISOString() ?? null,
          ...impact.details,
        },
      });
    }
    // During a handoff the shards still in transfer to their new owners are unavailable by the
    // verdict's rule, but they are the handoff's business (watched by the orchestrator): the network
    // alerts fire on what is missing besides them.
    const arriving = handoffUnderWay
      ? verdict.members
          .filter((member) => member.reason === 'not_ready')
          .reduce((total, member) => total + member.shards - member.availableShards, 0)
      : 0;
    const margin = verdict.write + this.options.writesAtRiskMarginShards;
    if (verdict.shardsAvailable + arriving < margin) {
      conditions.push({
        kind: 'writes_at_risk',
        epoch: verdict.epoch,
        subject: 'network',
        summary: `${verdict.shardsAvailable} of ${verdict.nShards} shards available, writes need ${verdict.write}: ${impact.sentence}`,
        details: {
          ...impact.details,
          marginShards: this.options.writesAtRiskMarginShards,
          missing: missingOf(verdict, names),
        },
      });
    }
    if (verdict.shardsAvailable + arriving < verdict.read) {
      conditions.push({
        kind: 'reads_down',
        epoch: verdict.epoch,
        subject: 'network',
        summary: `${verdict.shardsAvailable} of ${verdict.nShards} shards available, reads need ${verdict.read}: reads fail`,
        details: { ...impact.details, missing: missingOf(verdict, names) },
      });
    }
    for (const audit of audits) {
      if (audit.verdict === 'ok') {
        continue;
      }
      const name = names.get(audit.nodeId) ?? audit.nodeId;
      conditions.push({
        kind: 'attestation_premature',
        epoch: verdict.epoch,
        subject: audit.nodeId,
        summary:
          audit.verdict === 'premature'
            ? `${name} attested epoch_sync_done for epoch ${audit.epoch} with ${audit.notReadyShards ?? 0} shards not ready`
            : `${name} attested epoch_sync_done for epoch ${audit.epoch} without answering a health poll during the handoff`,
        details: {
          node: audit.nodeId,
          name,
          operator: name,
          verdict: audit.verdict,
          attestedAt: audit.attestedAt.toISOString(),
          evidenceAt: audit.evidenceAt?.toISOString() ?? null,
          gained: audit.gained,
          notReadyShards: audit.notReadyShards,
        },
      });
    }
    const current = await AlertRepository.reconcile(manager, verdict.epoch, conditions, {
      now,
      webhookUrls: this.options.webhookUrls,
      resolution: 'cleared',
      // The verdict is measured against a freshness window already: a change is not a flicker.
      holdMs: 0,
      kinds: AVAILABILITY_ALERT_KINDS,
    });
    opened.push(...current.opened);
    resolved.push(...current.resolved);
    return { opened, resolved };
  }
}

/** ('tavl' in ASCII.) */
const TRACKER_LOCK_KEY = 0x7461766c;

function observationOf(record: NodeHealthRecord): NodeObservation {
  return {
    lastOkAtMs: record.lastOkAt?.getTime() ?? null,
    epoch: record.epoch,
    nodeStatus: record.nodeStatus,
    counts: record.shardCounts,
    shardStatuses: record.shardStatuses,
  };
}

function nodeState(
  record: NodeHealthRecord,
  member: MemberAvailability | undefined,
  chainEpoch: number,
  now: Date,
  options: { readonly freshnessMs: number },
): NodeHealthState {
  const counts = record.shardCounts;
  return {
    nodeId: record.nodeId,
    at: record.checkedAt,
    reachable: record.lastOkAt !== null && now.getTime() - record.lastOkAt.getTime() <= options.freshnessMs,
    chainEpoch,
    epoch: record.epoch,
    nodeStatus: record.nodeStatus,
    owned: record.ownedShards,
    ready: counts?.ready ?? null,
    inTransfer: counts?.inTransfer ?? null,
    inRecovery: counts?.inRecovery ?? null,
    readOnly: counts?.readOnly ?? null,
    assignedShards: member?.shards ?? 0,
    availableShards: member?.availableShards ?? 0,
    reason: member?.reason ?? null,
  };
}

function evidenceOf(interval: NodeHealthIntervalRecord, poll: 'first' | 'last'): AttestationEvidence {
  return {
    atMs: (poll === 'first' ? interval.startedAt : interval.lastSeenAt).getTime(),
    owned: interval.owned,
    ready: interval.ready,
  };
}

/** What the verdict means for users, as a sentence and as fields. */
export function networkImpact(verdict: AvailabilityVerdict): {
  sentence: string;
  details: Record<string, unknown>;
} {
  const writesFailAfter = nodesUntilBelow(verdict, verdict.write);
  const readsFailAfter = nodesUntilBelow(verdict, verdict.read);
  return {
    sentence: verdictSentence({
      canRead: verdict.canRead,
      canWrite: verdict.canWrite,
      writesFailAfterNodes: writesFailAfter,
      readsFailAfterNodes: readsFailAfter,
    }),
    details: {
      epoch: verdict.epoch,
      shardsAvailable: verdict.shardsAvailable,
      readThreshold: verdict.read,
      writeThreshold: verdict.write,
      canRead: verdict.canRead,
      canWrite: verdict.canWrite,
      writesFailAfterNodes: writesFailAfter,
      readsFailAfterNodes: readsFailAfter,
    },
  };
}

function missingOf(verdict: AvailabilityVerdict, names: ReadonlyMap<string, string>) {
  return verdict.members
    .filter((member) => member.reason !== null)
    .map((member) => ({
      node: member.nodeId,
      name: names.get(member.nodeId) ?? member.nodeId,
      unavailableShards: member.shards - member.availableShards,
      reason: member.reason,
    }));
}
