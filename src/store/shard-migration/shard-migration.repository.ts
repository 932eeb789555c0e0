import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { MigrationNodeEntity } from 'src/store/shard-migration/migration-node.entity';
import { ShardMoveTransitionEntity } from 'src/store/shard-migration/shard-move-transition.entity';
import { ShardMoveEntity } from 'src/store/shard-migration/shard-move.entity';
import type { EntityManager } from 'typeorm';
import type { MigrationPlan } from 'src/domain/shard-migration/migration-plan';
import type { ShardMoveState } from 'src/domain/shard-migration/shard-move';

/** An epoch change the indexer has seen whose handoff has no plan yet. */
export interface UnplannedEpoch {
  readonly epoch: number;
  readonly startedAt: Date;
  readonly startCheckpoint: bigint;
}

export interface MigrationRecord {
  readonly epoch: number;
  readonly status: 'in_progress' | 'done';
  readonly startedAt: Date;
  readonly startCheckpoint: bigint;
  readonly doneAt: Date | null;
  readonly doneCheckpoint: bigint | null;
  readonly endedAt: Date | null;
  readonly nShards: number;
  readonly movedShards: number;
  readonly shardSizeBytes: bigint;
  readonly totalBytes: bigint;
  readonly syncBytesPerSecond: bigint;
  readonly concurrency: number;
  readonly waves: number;
  readonly waveMs: number;
  readonly etaMs: number;
}

export interface MoveRecord {
  readonly epoch: number;
  readonly shard: number;
  readonly fromNode: string | null;
  readonly toNode: string;
  readonly wave: number;
  readonly sizeBytes: bigint;
  readonly dueMs: number;
  readonly state: ShardMoveState;
  readonly stateSince: Date;
  readonly escalated: boolean;
}

export interface MigrationNodeRecord {
  readonly epoch: number;
  readonly nodeId: string;
  readonly name: string | null;
  readonly membership: 'joining' | 'continuing' | 'leaving';
  readonly weight: number;
  readonly gained: number;
  readonly lost: number;
  readonly kept: number;
  readonly receiveBytes: bigint;
  readonly sendBytes: bigint;
  readonly dueMs: number;
  readonly attestedAt: Date | null;
  readonly attestedCheckpoint: bigint | null;
  readonly attestedLate: boolean | null;
}

export interface MoveTransition {
  readonly shard: number;
  readonly from: ShardMoveState;
  readonly to: ShardMoveState;
  readonly at: Date;
  readonly cause: 'health' | 'attested' | 'deadline' | 'epoch_ended';
}

interface MigrationRow {
  epoch: number;
  status: MigrationRecord['status'];
  started_at: Date;
  start_checkpoint: string;
  done_at: Date | null;
  done_checkpoint: string | null;
  ended_at: Date | null;
  n_shards: number;
  moved_shards: number;
  shard_size_bytes: string;
  total_bytes: string;
  sync_bytes_per_second: string;
  concurrency: number;
  waves: number;
  wave_ms: string;
  eta_ms: string;
}

interface MoveRow {
  epoch: number;
  shard: number;
  from_node: string | null;
  to_node: string;
  wave: number;
  size_bytes: string;
  due_ms: string;
  state: ShardMoveState;
  state_since: Date;
  escalated: boolean;
}

interface MigrationNodeRow {
  epoch: number;
  node_id: string;
  name: string | null;
  membership: MigrationNodeRecord['membership'];
  weight: number;
  gained: number;
  lost: number;
  kept: number;
  receive_bytes: string;
  send_bytes: string;
  due_ms: string;
  attested_at: Date | null;
  attested_checkpoint: string | null;
  attested_late: boolean | null;
}

const toMigration = (row: MigrationRow): MigrationRecord => ({
  epoch: row.epoch,
  status: row.status,
  startedAt: row.started_at,
  startCheckpoint: BigInt(row.start_checkpoint),
  doneAt: row.done_at,
  doneCheckpoint: row.done_checkpoint === null ? null : BigInt(row.done_checkpoint),
  endedAt: row.ended_at,
  nShards: row.n_shards,
  movedShards: row.moved_shards,
  shardSizeBytes: BigInt(row.shard_size_bytes),
  totalBytes: BigInt(row.total_bytes),
  syncBytesPerSecond: BigInt(row.sync_bytes_per_second),
  concurrency: row.concurrency,
  waves: row.waves,
  waveMs: Number(row.wave_ms),
  etaMs: Number(row.eta_ms),
});

const toMove = (row: MoveRow): MoveRecord => ({
  epoch: row.epoch,
  shard: row.shard,
  fromNode: row.from_node,
  toNode: row.to_node,
  wave: row.wave,
  sizeBytes: BigInt(row.size_bytes),
  dueMs: Number(row.due_ms),
  state: row.state,
  stateSince: row.state_since,
  escalated: row.escalated,
});

const toNode = (row: MigrationNodeRow): MigrationNodeRecord => ({
  epoch: row.epoch,
  nodeId: row.node_id,
  name: row.name,
  membership: row.membership,
  weight: row.weight,
  gained: row.gained,
  lost: row.lost,
  kept: row.kept,
  receiveBytes: BigInt(row.receive_bytes),
  sendBytes: BigInt(row.send_bytes),
  dueMs: Number(row.due_ms),
  attestedAt: row.attested_at,
  attestedCheckpoint: row.attested_checkpoint === null ? null : BigInt(row.attested_checkpoint),
  attestedLate: row.attested_late,
});

/**
 * Whether the index is fresh enough to judge deadlines at `now`: its chain time is within `graceMs`.
 * Deadlines compare the chain with the clock, so on a lagging index (catching up, or halted) a
 * stall could not be told from the lag.
 */
export async function isIndexFresh(manager: EntityManager, now: Date, graceMs: number): Promise<boolean> {
  const until = await ShardMigrationRepository.indexedUntil(manager);
  return until !== undefined && now.getTime() - until.getTime() <= graceMs;
}

export const ShardMigrationRepository = {
  /**
   * The chain time the index has reached: the oldest of the tip pipelines' last checkpoints
   * (backfills aside). Undefined before anything was indexed.
   */
  async indexedUntil(manager: EntityManager): Promise<Date | undefined> {
    const [row] = await manager.query<{ until: string | null }[]>(
      `SELECT min(timestamp_ms_hi_inclusive)::text AS until FROM pipeline_watermark
       WHERE pipeline IN ('events', 'staked_wal', 'staking', 'epochs')`,
    );
    return row === undefined || row.until === null ? undefined : new Date(Number(row.until));
  },

  /**
   * Epoch changes the indexer recorded (`EpochChangeStart` and the new committee) without a plan.
   * The committee before must be indexed too, unless the epoch has none (the first committee).
   */
  async unplannedEpochs(manager: EntityManager): Promise<UnplannedEpoch[]> {
    const rows = await manager.query<{ epoch: number; started_at: Date; started_checkpoint: string }[]>(
      `SELECT e.epoch, e.started_at, e.started_checkpoint FROM epoch e
       WHERE e.started_at IS NOT NULL AND e.started_checkpoint IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM shard_migration m WHERE m.epoch = e.epoch)
         AND EXISTS (SELECT 1 FROM committee_member c WHERE c.epoch = e.epoch)
         AND (EXISTS (SELECT 1 FROM committee_member c WHERE c.epoch = e.epoch - 1)
              OR NOT EXISTS (SELECT 1 FROM epoch p WHERE p.epoch = e.epoch - 1 AND p.started_at IS NOT NULL))
       ORDER BY e.epoch`,
    );
    return rows.map((row) => ({
      epoch: row.epoch,
      startedAt: row.started_at,
      startCheckpoint: BigInt(row.started_checkpoint),
    }));
  },

  /** Writes a plan with every move `planned`; a plan already stored is left as it is. */
  async insertPlan(
    manager: EntityManager,
    plan: MigrationPlan,
    epoch: UnplannedEpoch,
    meta: { nShards: number; syncBytesPerSecond: bigint; weights: ReadonlyMap<string, number>; now: Date },
  ): Promise<boolean> {
    const inserted = await manager.query<{ epoch: number }[]>(
      `INSERT INTO shard_migration (epoch, status, started_at, start_checkpoint, n_shards, moved_shards,
         shard_size_bytes, total_bytes, sync_bytes_per_second, concurrency, waves, wave_ms, eta_ms, updated_at)
       VALUES ($1, 'in_progress', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (epoch) DO NOTHING RETURNING epoch`,
      [
        plan.epoch,
        epoch.startedAt,
        epoch.startCheckpoint.toString(),
        meta.nShards,
        plan.movedShards,
        plan.shardSizeBytes.toString(),
        plan.totalBytes.toString(),
        meta.syncBytesPerSecond.toString(),
        plan.concurrency,
        plan.waves,
        plan.waveMs,
        plan.etaMs,
        meta.now,
      ],
    );
    if (inserted.length === 0) {
      return false;
    }
    // A first committee's shards start empty: there is nothing to move, they are in place at once.
    const initialState = (from: string | null): ShardMoveState => (from === null ? 'received' : 'planned');
    await bulkWriteEntities(
      manager,
      ShardMoveEntity,
      plan.moves.map((move) => ({
        epoch: plan.epoch,
        shard: move.shard,
        fromNode: move.from,
        toNode: move.to,
        wave: move.wave,
        sizeBytes: move.sizeBytes,
        dueMs: BigInt(Math.round(move.dueMs)),
        state: initialState(move.from),
        stateSince: epoch.startedAt,
        escalated: false,
      })),
      'ON CONFLICT DO NOTHING',
    );
    // The attestation columns are filled from the chain later (`syncChainFacts`).
    await bulkWriteEntities<MigrationNodeEntity, 'attestedAt' | 'attestedCheckpoint' | 'attestedLate'>(
      manager,
      MigrationNodeEntity,
      plan.nodes.map((node) => ({
        epoch: plan.epoch,
        nodeId: node.nodeId,
        membership: node.membership,
        weight: meta.weights.get(node.nodeId) ?? 0,
        gained: node.gained.length,
        lost: node.lost.length,
        kept: node.kept.length,
        receiveBytes: node.receiveBytes,
        sendBytes: node.sendBytes,
        dueMs: BigInt(Math.round(node.dueMs)),
      })),
      'ON CONFLICT DO NOTHING',
      { except: ['attestedAt', 'attestedCheckpoint', 'attestedLate'] },
    );
    return true;
  },

  /** Plans whose epoch has not been overtaken by the next epoch change: the ones still to watch. */
  async activeMigrations(manager: EntityManager): Promise<MigrationRecord[]> {
    const rows = await manager.query<MigrationRow[]>(
      'SELECT * FROM shard_migration WHERE ended_at IS NULL ORDER BY epoch',
    );
    return rows.map(toMigration);
  },

  async migration(manager: EntityManager, epoch: number): Promise<MigrationRecord | undefined> {
    const rows = await manager.query<MigrationRow[]>('SELECT * FROM shard_migration WHERE epoch = $1', [
      epoch,
    ]);
    return rows[0] === undefined ? undefined : toMigration(rows[0]);
  },

  async latestMigration(manager: EntityManager): Promise<MigrationRecord | undefined> {
    const rows = await manager.query<MigrationRow[]>(
      'SELECT * FROM shard_migration ORDER BY epoch DESC LIMIT 1',
    );
    return rows[0] === undefined ? undefined : toMigration(rows[0]);
  },

  async moves(manager: EntityManager, epoch: number): Promise<MoveRecord[]> {
    const rows = await manager.query<MoveRow[]>('SELECT * FROM shard_move WHERE epoch = $1 ORDER BY shard', [
      epoch,
    ]);
    return rows.map(toMove);
  },

  async nodes(manager: EntityManager, epoch: number): Promise<MigrationNodeRecord[]> {
    const rows = await manager.query<MigrationNodeRow[]>(
      `SELECT m.*, n.name FROM migration_node m LEFT JOIN storage_node n USING (node_id)
       WHERE m.epoch = $1 ORDER BY m.node_id`,
      [epoch],
    );
    return rows.map(toNode);
  },

  /** A node's part in every handoff, newest first. */
  async nodeHistory(manager: EntityManager, nodeId: string, last: number): Promise<MigrationNodeRecord[]> {
    const rows = await manager.query<MigrationNodeRow[]>(
      `SELECT m.*, n.name FROM migration_node m LEFT JOIN storage_node n USING (node_id)
       WHERE m.node_id = $1 ORDER BY m.epoch DESC LIMIT $2`,
      [nodeId, last],
    );
    return rows.map(toNode);
  },

  /**
   * Moves each shard to its new state, only from the state it was read in (a concurrent writer's
   * change wins, this one is dropped), and records each state entered, at most once per move.
   */
  async applyTransitions(
    manager: EntityManager,
    epoch: number,
    transitions: readonly MoveTransition[],
  ): Promise<number> {
    if (transitions.length === 0) {
      return 0;
    }
    const updated = await manager.query<
      { shard: number; to_state: string; at: Date; cause: string; from_state: string }[]
    >(
      `WITH changed AS (UPDATE shard_move AS m SET state = t.to_state, state_since = t.at,
              escalated = m.escalated OR t.cause = 'deadline'
       FROM unnest($2::smallint[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])
            AS t(shard, from_state, to_state, at, cause)
       WHERE m.epoch = $1 AND m.shard = t.shard AND m.state = t.from_state
       RETURNING t.shard, t.from_state, t.to_state, t.at, t.cause)
       SELECT * FROM changed`,
      [
        epoch,
        transitions.map((t) => t.shard),
        transitions.map((t) => t.from),
        transitions.map((t) => t.to),
        transitions.map((t) => t.at.toISOString()),
        transitions.map((t) => t.cause),
      ],
    );
    await bulkWriteEntities<ShardMoveTransitionEntity, 'id'>(
      manager,
      ShardMoveTransitionEntity,
      updated.map((row) => ({
        epoch,
        shard: row.shard,
        fromState: row.from_state,
        toState: row.to_state,
        at: row.at,
        cause: row.cause,
      })),
      'ON CONFLICT DO NOTHING',
      // Generated by the database.
      { except: ['id'] },
    );
    return updated.length;
  },

  /**
   * Copies the chain's facts into the plan: attestations (from the nodes' caps), the epoch's
   * `EpochChangeDone`, and the start of the next epoch change.
   *
   * Attestations come from the staking pipeline and epoch moments from the epochs pipeline, and
   * each goes at its own pace. A fact is copied only once the other pipeline has caught up with it:
   * an attestation once the epochs pipeline reached its checkpoint (so whether it came after
   * `EpochChangeDone` is known), and the end of the epoch once the staking pipeline reached the
   * next epoch's start (so every attestation made before it is in). Otherwise a lagging pipeline
   * would fail moves the chain shows received, or call a late attestation timely, for good.
   */
  async syncChainFacts(manager: EntityManager, epoch: number, now: Date): Promise<void> {
    await manager.query(
      `UPDATE migration_node m SET attested_at = a.attested_at, attested_checkpoint = a.checkpoint,
              attested_late = (e.done_checkpoint IS NOT NULL AND a.checkpoint > e.done_checkpoint)
       FROM node_attestation a, epoch e
       WHERE m.epoch = $1 AND a.epoch = $1 AND e.epoch = $1 AND a.node_id = m.node_id AND m.attested_at IS NULL
         AND a.checkpoint <= (SELECT checkpoint_hi_inclusive FROM pipeline_watermark WHERE pipeline = 'epochs')`,
      [epoch],
    );
    await manager.query(
      `UPDATE shard_migration s SET
         done_at = COALESCE(s.done_at, e.done_at), done_checkpoint = COALESCE(s.done_checkpoint, e.done_checkpoint),
         status = CASE WHEN COALESCE(s.done_at, e.done_at) IS NULL THEN 'in_progress' ELSE 'done' END,
         ended_at = COALESCE(s.ended_at, CASE WHEN n.started_checkpoint
           <= (SELECT checkpoint_hi_inclusive FROM pipeline_watermark WHERE pipeline = 'staking') THEN n.started_at END),
         updated_at = $2
       FROM epoch e LEFT JOIN epoch n ON n.epoch = e.epoch + 1
       WHERE s.epoch = $1 AND e.epoch = $1`,
      [epoch, now],
    );
  },

  /**
   * The throughput one shard sync achieved lately. A node that gained g shards in w waves of
   * shards of size s, attesting T after the epoch change, synced each at w·s/T = bytes·w/(g·T);
   * the median over the receiving nodes of the last three plans, or undefined.
   */
  async observedSyncBytesPerSecond(manager: EntityManager, beforeEpoch: number): Promise<bigint | undefined> {
    const [row] = await manager.query<{ rate: string | null }[]>(
      `SELECT percentile_cont(0.5) WITHIN GROUP (
                ORDER BY n.receive_bytes / GREATEST(EXTRACT(EPOCH FROM n.attested_at - s.started_at), 0.001)
                  * CEIL(n.gained::numeric / s.concurrency) / n.gained)::numeric(40, 0)::text AS rate
       FROM migration_node n JOIN shard_migration s USING (epoch)
       WHERE n.epoch < $1 AND n.epoch >= $1 - 3 AND n.receive_bytes > 0 AND n.gained > 0 AND n.attested_at IS NOT NULL
         AND n.attested_at > s.started_at`,
      [beforeEpoch],
    );
    return row === undefined || row.rate === null || row.rate === '0' ? undefined : BigInt(row.rate);
  },
};
