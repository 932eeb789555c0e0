import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import {
  MigrationKind,
  type HandoffAlertView,
  type MigrationProgressView,
  type NodeHandoffView,
  type ShardMigrationView,
} from 'src/shard-migration/shard-migration.views';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { CommitteeService } from 'src/committee/committee.service';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { EpochRepository } from 'src/store/epochs/epoch.repository';
import { estimateShardSize, planMigration } from 'src/domain/shard-migration/migration-plan';
import { syncQuorum } from 'src/domain/shard-migration/sync-quorum';
import { parseNodeId } from 'src/domain/shared/node-id';
import { AlertRepository, type AlertRecord } from 'src/store/alerts/alert.repository';
import { assessMigration } from 'src/shard-migration/migration-assessment';
import { NodeHealthRepository } from 'src/store/node-health/node-health.repository';
import {
  isIndexFresh,
  ShardMigrationRepository,
  type MigrationNodeRecord,
} from 'src/store/shard-migration/shard-migration.repository';
import {
  StakingStateRepository,
  type StakingStateRow,
} from 'src/store/staking-state/staking-state.repository';

/**
 * The handoff as operators see it: the live state of a tracked epoch change (as the orchestrator
 * left it, assessed at the time of the request), or the plan of the coming one, from the chain's
 * selected committee or from Tusk's prediction.
 */
@Injectable()
export class ShardMigrationService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly committees: CommitteeService,
    private readonly stakingState: StakingStateReader,
  ) {}

  /** The handoff into `epoch`; by default the latest tracked one. Undefined when unknown. */
  async migration(epoch?: number): Promise<ShardMigrationView | undefined> {
    const manager = readManager(this.dataSource);
    const stored =
      epoch === undefined
        ? await ShardMigrationRepository.latestMigration(manager)
        : await ShardMigrationRepository.migration(manager, epoch);
    if (stored !== undefined) {
      return this.live(stored.epoch);
    }
    const state = await this.stakingState.latest();
    if (state !== undefined && (epoch === undefined || epoch === state.epoch + 1)) {
      const upcoming = await this.upcoming(state);
      if (epoch === undefined || upcoming === undefined || upcoming.epoch === epoch) {
        return upcoming;
      }
      // The chain moved on between reading the state and the next committee: the handoff into
      // `epoch` has begun and is stored.
      const begun = await ShardMigrationRepository.migration(manager, epoch);
      return begun === undefined ? undefined : this.live(begun.epoch);
    }
    return undefined;
  }

  async handoffs(nodeId: string, last: number): Promise<NodeHandoffView[]> {
    const manager = readManager(this.dataSource);
    const rows = await ShardMigrationRepository.nodeHistory(manager, nodeId, last);
    const result: NodeHandoffView[] = [];
    for (const row of rows) {
      const migration = await ShardMigrationRepository.migration(manager, row.epoch);
      if (migration === undefined) {
        continue;
      }
      const syncSeconds =
        row.attestedAt === null ? null : (row.attestedAt.getTime() - migration.startedAt.getTime()) / 1000;
      result.push({
        epoch: row.epoch,
        membership: row.membership.toUpperCase(),
        gained: row.gained,
        lost: row.lost,
        receiveBytes: row.receiveBytes,
        startedAt: migration.startedAt,
        attestedAt: row.attestedAt,
        attestedLate: row.attestedLate,
        syncSeconds,
        secondsPerGb:
          syncSeconds === null || row.receiveBytes === 0n
            ? null
            : syncSeconds / (Number(row.receiveBytes) / 1e9),
      });
    }
    return result;
  }

  private async live(epoch: number): Promise<ShardMigrationView | undefined> {
    const manager = readManager(this.dataSource);
    const migration = await ShardMigrationRepository.migration(manager, epoch);
    if (migration === undefined) {
      return undefined;
    }
    const moves = await ShardMigrationRepository.moves(manager, epoch);
    const nodes = await ShardMigrationRepository.nodes(manager, epoch);
    const health = new Map(
      (await NodeHealthRepository.all(manager)).map((record) => [record.nodeId, record]),
    );
    const alerts = await AlertRepository.forEpoch(manager, epoch);
    // Assessed now without storing anything: the orchestrator owns the writes.
    const now = new Date();
    const deadlines = this.config.shardMigration.deadlines;
    const assessment = assessMigration({
      migration,
      moves,
      nodes,
      health,
      deadlines,
      now,
      judge: await isIndexFresh(manager, now, deadlines.stallGraceMs),
    });
    const name = new Map(nodes.map((node) => [node.nodeId, node.name ?? node.nodeId]));
    return {
      epoch,
      kind: MigrationKind.LIVE,
      status: migration.status.toUpperCase(),
      startedAt: migration.startedAt,
      doneAt: migration.doneAt,
      endedAt: migration.endedAt,
      movedShards: migration.movedShards,
      shardSizeBytes: migration.shardSizeBytes,
      totalBytes: migration.totalBytes,
      syncBytesPerSecond: migration.syncBytesPerSecond,
      concurrency: migration.concurrency,
      waves: migration.waves,
      etaSeconds: migration.etaMs / 1000,
      expectedDoneAt: new Date(migration.startedAt.getTime() + migration.etaMs),
      progress: progress(assessment.counts),
      quorum: {
        ...assessment.quorum,
        pendingNodes: assessment.quorum.pending.map((member) => name.get(member.nodeId) ?? member.nodeId),
        blockingNodes: assessment.quorum.blocking.map((member) => name.get(member.nodeId) ?? member.nodeId),
      },
      nodes: assessment.nodes.map((entry) => {
        const report = health.get(entry.node.nodeId);
        return {
          ...planned(entry.node),
          attested: entry.attested,
          attestedAt: entry.node.attestedAt,
          attestedLate: entry.node.attestedLate,
          reachable: entry.reachable,
          nodeStatus: report?.nodeStatus ?? null,
          reportedEpoch: report?.epoch ?? null,
          healthError: report?.error ?? null,
          overdue: entry.overdue,
          stalledMoves: entry.stalledMoves,
          incoming: progress(entry.counts),
        };
      }),
      moves: assessment.moves.map((move) => ({
        shard: move.shard,
        from: move.fromNode,
        to: move.toNode,
        wave: move.wave,
        sizeBytes: move.sizeBytes,
        dueSeconds: move.dueMs / 1000,
        state: move.state.toUpperCase(),
        stateSince: move.stateSince,
        escalated: move.escalated,
      })),
      stalls: alerts.filter((alert) => alert.resolvedAt === null).map(toAlertType),
      alerts: alerts.map(toAlertType),
    };
  }

  /**
   * The coming epoch change from `state` (the latest, as the caller read it), planned from the
   * chain's next committee or Tusk's prediction.
   */
  private async upcoming(state: StakingStateRow): Promise<ShardMigrationView | undefined> {
    const manager = readManager(this.dataSource);
    const next = await this.committees.nextCommittee();
    if (next === undefined) {
      return undefined;
    }
    const epoch = next.committee.epoch;
    const current = await StakingStateRepository.members(manager, state.epoch);
    const system = await EpochRepository.system(manager, state.epoch);
    const settings = this.config.shardMigration;
    const syncBytesPerSecond =
      (await ShardMigrationRepository.observedSyncBytesPerSecond(manager, epoch)) ??
      settings.syncBytesPerSecond;
    const plan = planMigration({
      epoch,
      previous: current.map((member) => ({ nodeId: parseNodeId(member.nodeId), shards: member.shards })),
      current: next.committee.members.map((member) => ({
        nodeId: parseNodeId(member.nodeId),
        shards: member.shards,
      })),
      shardSizeBytes: estimateShardSize(system?.usedCapacitySize ?? 0n, state.nShards),
      shardSyncBytesPerSecond: syncBytesPerSecond,
      concurrency: settings.concurrency,
    });
    const names = new Map<string, string | null>([
      ...current.map((member) => [member.nodeId, member.name] as const),
      ...next.committee.members.map((member) => [member.nodeId, member.name] as const),
    ]);
    const weights = new Map(next.committee.members.map((member) => [member.nodeId, member.shards.length]));
    const quorum = syncQuorum(
      plan.nodes
        .filter((node) => (weights.get(node.nodeId) ?? 0) > 0)
        .map((node) => ({
          nodeId: node.nodeId,
          shards: weights.get(node.nodeId) ?? 0,
          attested: false,
          blocked: false,
        })),
      state.nShards,
    );
    const counts = {
      planned: plan.moves.filter((move) => move.from !== null).length,
      transferring: 0,
      recovering: 0,
      received: 0,
      failed: 0,
    };
    return {
      epoch,
      kind: next.committee.predicted ? MigrationKind.FORECAST : MigrationKind.SELECTED,
      status: next.committee.predicted ? 'FORECAST' : 'PLANNED',
      startedAt: null,
      doneAt: null,
      endedAt: null,
      movedShards: plan.movedShards,
      shardSizeBytes: plan.shardSizeBytes,
      totalBytes: plan.totalBytes,
      syncBytesPerSecond,
      concurrency: plan.concurrency,
      waves: plan.waves,
      etaSeconds: plan.etaMs / 1000,
      expectedDoneAt: null,
      progress: progress(counts),
      quorum: {
        ...quorum,
        pendingNodes: quorum.pending.map((member) => names.get(member.nodeId) ?? member.nodeId),
        blockingNodes: [],
      },
      nodes: plan.nodes.map((node) => ({
        ...planned({
          nodeId: node.nodeId,
          name: names.get(node.nodeId) ?? null,
          membership: node.membership,
          weight: weights.get(node.nodeId) ?? 0,
          gained: node.gained.length,
          lost: node.lost.length,
          kept: node.kept.length,
          receiveBytes: node.receiveBytes,
          sendBytes: node.sendBytes,
          dueMs: node.dueMs,
        }),
        attested: false,
        attestedAt: null,
        attestedLate: null,
        reachable: null,
        nodeStatus: null,
        reportedEpoch: null,
        healthError: null,
        overdue: false,
        stalledMoves: 0,
        incoming: progress({
          planned: node.gained.length,
          transferring: 0,
          recovering: 0,
          received: 0,
          failed: 0,
        }),
      })),
      moves: plan.moves.map((move) => ({
        shard: move.shard,
        from: move.from,
        to: move.to,
        wave: move.wave,
        sizeBytes: move.sizeBytes,
        dueSeconds: move.dueMs / 1000,
        state: 'PLANNED',
        stateSince: null,
        escalated: false,
      })),
      stalls: [],
      alerts: [],
    };
  }
}

type PlannedNode = Pick<
  MigrationNodeRecord,
  | 'nodeId'
  | 'name'
  | 'membership'
  | 'weight'
  | 'gained'
  | 'lost'
  | 'kept'
  | 'receiveBytes'
  | 'sendBytes'
  | 'dueMs'
>;

/** A node's part in a plan, as the API shows it, whether the handoff started or not. */
function planned(node: PlannedNode) {
  return {
    nodeId: node.nodeId,
    name: node.name,
    membership: node.membership.toUpperCase(),
    weight: node.weight,
    gained: node.gained,
    lost: node.lost,
    kept: node.kept,
    receiveBytes: node.receiveBytes,
    sendBytes: node.sendBytes,
    dueSeconds: node.dueMs / 1000,
  };
}

function progress(counts: Omit<MigrationProgressView, 'fractionReceived'>): MigrationProgressView {
  const total = counts.planned + counts.transferring + counts.recovering + counts.received + counts.failed;
  return { ...counts, fractionReceived: total === 0 ? 1 : counts.received / total };
}

function toAlertType(alert: AlertRecord): HandoffAlertView {
  return {
    id: alert.id,
    kind: alert.kind,
    epoch: alert.epoch,
    subject: alert.subject,
    summary: alert.summary,
    openedAt: alert.openedAt,
    resolvedAt: alert.resolvedAt,
    resolution: alert.resolution,
  };
}
