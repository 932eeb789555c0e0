import type { DataSource, EntityManager } from 'typeorm';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { EpochRepository } from 'src/store/epochs/epoch.repository';
import type { HandoffDeadlines } from 'src/domain/shard-migration/handoff-deadlines';
import { estimateShardSize, planMigration } from 'src/domain/shard-migration/migration-plan';
import { parseNodeId } from 'src/domain/shared/node-id';
import { AlertRepository, HANDOFF_ALERT_KINDS, type AlertRecord } from 'src/store/alerts/alert.repository';
import { assessMigration } from 'src/shard-migration/migration-assessment';
import { withImpact } from 'src/availability/alert-impact';
import { NodeHealthRepository } from 'src/store/node-health/node-health.repository';
import {
  ShardMigrationRepository,
  type UnplannedEpoch,
} from 'src/store/shard-migration/shard-migration.repository';

export interface OrchestratorOptions {
  readonly deadlines: HandoffDeadlines;
  readonly syncBytesPerSecond: bigint;
  readonly concurrency: number;
  readonly webhookUrls: readonly string[];
}

export interface ReconcileResult {
  readonly planned: number[];
  readonly transitions: number;
  readonly opened: AlertRecord[];
  readonly resolved: AlertRecord[];
}

/**
 * Drives every handoff from the database: plans each epoch change the indexer recorded, moves
 * each shard's state from the chain's attestations and the nodes' health reports, escalates moves
 * past their deadlines, and opens and resolves alerts. Every step reads its inputs from
 * PostgreSQL and writes its decisions there in one transaction per epoch, so it can stop at any
 * point and the next run (in this process or another) resumes exactly where it was.
 */
export class ShardMigrationOrchestrator {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: OrchestratorOptions,
  ) {}

  async reconcile(now: Date): Promise<ReconcileResult> {
    const planned: number[] = [];
    for (const epoch of await ShardMigrationRepository.unplannedEpochs(this.dataSource.manager)) {
      if (await this.dataSource.transaction((manager) => this.plan(manager, epoch, now))) {
        planned.push(epoch.epoch);
      }
    }
    let transitions = 0;
    const opened: AlertRecord[] = [];
    const resolved: AlertRecord[] = [];
    // Deadlines compare the chain with the clock: on an index that lags (catching up, or halted)
    // a stall cannot be told from the lag, so nothing is judged until it is fresh again.
    const indexedUntil = await ShardMigrationRepository.indexedUntil(this.dataSource.manager);
    const fresh =
      indexedUntil !== undefined &&
      now.getTime() - indexedUntil.getTime() <= this.options.deadlines.stallGraceMs;
    const active = await ShardMigrationRepository.activeMigrations(this.dataSource.manager);
    for (const { epoch } of active) {
      const result = await this.dataSource.transaction((manager) => this.step(manager, epoch, now, fresh));
      transitions += result.transitions;
      opened.push(...result.opened);
      resolved.push(...result.resolved);
    }
    return { planned, transitions, opened, resolved };
  }

  private async plan(manager: EntityManager, epoch: UnplannedEpoch, now: Date): Promise<boolean> {
    // One connection per transaction: its queries run one after another.
    const previous = await StakingStateRepository.members(manager, epoch.epoch - 1);
    const current = await StakingStateRepository.members(manager, epoch.epoch);
    const state = await StakingStateRepository.stakingState(manager);
    const system = await EpochRepository.system(manager, epoch.epoch);
    const nShards = state?.nShards ?? current.reduce((total, member) => total + member.shards.length, 0);
    const syncBytesPerSecond =
      (await ShardMigrationRepository.observedSyncBytesPerSecond(manager, epoch.epoch)) ??
      this.options.syncBytesPerSecond;
    const toCommittee = (members: typeof current) =>
      members.map((member) => ({ nodeId: parseNodeId(member.nodeId), shards: member.shards }));
    const plan = planMigration({
      epoch: epoch.epoch,
      previous: toCommittee(previous),
      current: toCommittee(current),
      shardSizeBytes: estimateShardSize(system?.usedCapacitySize ?? 0n, nShards),
      shardSyncBytesPerSecond: syncBytesPerSecond,
      concurrency: this.options.concurrency,
    });
    return ShardMigrationRepository.insertPlan(manager, plan, epoch, {
      nShards,
      syncBytesPerSecond,
      weights: new Map(current.map((member) => [parseNodeId(member.nodeId), member.shards.length])),
      now,
    });
  }

  private async step(
    manager: EntityManager,
    epoch: number,
    now: Date,
    fresh: boolean,
  ): Promise<{ transitions: number; opened: AlertRecord[]; resolved: AlertRecord[] }> {
    // One orchestrator at a time per plan, even if two processes were ever to run one.
    await manager.query('SELECT pg_advisory_xact_lock($1, $2)', [PLAN_LOCK_SPACE, epoch]);
    await ShardMigrationRepository.syncChainFacts(manager, epoch, now);
    const migration = await ShardMigrationRepository.migration(manager, epoch);
    if (migration === undefined) {
      return { transitions: 0, opened: [], resolved: [] };
    }
    const moves = await ShardMigrationRepository.moves(manager, epoch);
    const nodes = await ShardMigrationRepository.nodes(manager, epoch);
    const health = await NodeHealthRepository.all(manager);
    const assessment = assessMigration({
      migration,
      moves,
      nodes,
      health: new Map(health.map((record) => [record.nodeId, record])),
      deadlines: this.options.deadlines,
      now,
      judge: fresh,
    });
    const transitions = await ShardMigrationRepository.applyTransitions(
      manager,
      epoch,
      assessment.transitions,
    );
    if (!fresh && migration.endedAt === null) {
      // Alerts stay as they are until the index is fresh enough to judge them again.
      return { transitions, opened: [], resolved: [] };
    }
    const conditions = await withImpact(manager, epoch, assessment.conditions);
    const alerts = await AlertRepository.reconcile(manager, epoch, conditions, {
      now,
      webhookUrls: this.options.webhookUrls,
      resolution: migration.endedAt === null ? 'cleared' : `epoch ${epoch + 1} started`,
      // Once the epoch is over nothing can come back; before, a condition must stay away a while.
      holdMs: migration.endedAt === null ? Math.min(this.options.deadlines.stallGraceMs, 120_000) : 0,
      kinds: HANDOFF_ALERT_KINDS,
    });
    return { transitions, ...alerts };
  }
}

/** First key of the per-plan transaction lock ('mig' in ASCII); the second is the epoch. */
const PLAN_LOCK_SPACE = 0x6d6967;
