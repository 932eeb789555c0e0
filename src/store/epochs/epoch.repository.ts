import type { EntityManager } from 'typeorm';
import { versionGuardedUpsert } from 'src/database/bulk-upsert';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { SystemStateEntity } from 'src/store/epochs/system-state.entity';

export type EpochMoment = 'started' | 'committee_selected' | 'done';

export interface EpochMomentRow {
  readonly epoch: number;
  readonly moment: EpochMoment;
  readonly checkpoint: bigint;
  readonly at: Date;
}

/** The system object in an epoch; its deny-list sizes are written apart (`writeDenyListSizes`). */
export type SystemStateRow = Readonly<Omit<SystemStateEntity, SystemStateDenyListColumns>>;
type SystemStateDenyListColumns = 'denyListSizes' | 'denyListVersion';
const DENY_LIST_COLUMNS: SystemStateDenyListColumns[] = ['denyListSizes', 'denyListVersion'];

export interface DenyListSizesRow {
  readonly epoch: number;
  readonly version: bigint;
  readonly sizes: Record<string, string>;
}

/** Epoch life-cycle moments and the system object's state per epoch. */
export const EpochRepository = {
  /** Each moment keeps its earliest sighting; the other moments of the row are left alone. */
  async writeMoments(manager: EntityManager, rows: readonly EpochMomentRow[]): Promise<void> {
    for (const moment of ['started', 'committee_selected', 'done'] as const) {
      const selected = rows.filter((row) => row.moment === moment);
      if (selected.length === 0) {
        continue;
      }
      const checkpointColumn = `${moment}_checkpoint`;
      const atColumn = `${moment}_at`;
      await manager.query(
        `INSERT INTO epoch (epoch, ${checkpointColumn}, ${atColumn})
         SELECT * FROM unnest($1::integer[], $2::bigint[], $3::timestamptz[])
         ON CONFLICT (epoch) DO UPDATE SET ${checkpointColumn} = EXCLUDED.${checkpointColumn}, ${atColumn} = EXCLUDED.${atColumn}
         WHERE epoch.${checkpointColumn} IS NULL OR epoch.${checkpointColumn} > EXCLUDED.${checkpointColumn}`,
        [
          selected.map((row) => row.epoch),
          selected.map((row) => row.checkpoint.toString()),
          selected.map((row) => row.at.toISOString()),
        ],
      );
    }
  },

  async writeSystemStates(manager: EntityManager, rows: readonly SystemStateRow[]): Promise<void> {
    await bulkWriteEntities<SystemStateEntity, SystemStateDenyListColumns>(
      manager,
      SystemStateEntity,
      rows,
      ({ table, columns }) => versionGuardedUpsert(table, columns, ['epoch']),
      { except: DENY_LIST_COLUMNS },
    );
  },

  /** Deny-list sizes live in their own field object, versioned apart from the system state. */
  async writeDenyListSizes(manager: EntityManager, rows: readonly DenyListSizesRow[]): Promise<void> {
    for (const row of rows) {
      await manager.query(
        `UPDATE system_state SET deny_list_sizes = $2::jsonb, deny_list_version = $3
         WHERE epoch = $1 AND (deny_list_version IS NULL OR deny_list_version < $3)`,
        [row.epoch, JSON.stringify(row.sizes), row.version.toString()],
      );
    }
  },

  /** Epochs with their moments and system state, newest first, below `before` when given. */
  async history(manager: EntityManager, first: number, before?: number): Promise<EpochRecord[]> {
    const rows = await manager.query<EpochRecordRow[]>(
      `SELECT known.epoch, e.started_checkpoint, e.started_at, e.committee_selected_at, e.done_checkpoint, e.done_at,
              s.total_capacity_size, s.used_capacity_size, s.storage_price_per_unit_size, s.write_price_per_unit_size
       FROM (SELECT epoch FROM epoch UNION SELECT epoch FROM system_state) AS known
       LEFT JOIN epoch e USING (epoch) LEFT JOIN system_state s USING (epoch)
       WHERE ($2::integer IS NULL OR known.epoch < $2)
       ORDER BY known.epoch DESC LIMIT $1`,
      [first, before ?? null],
    );
    return rows.map(toEpochRecord);
  },

  /** When each epoch started (its `EpochChangeStart`'s checkpoint time), in ms, where indexed. */
  async startTimes(manager: EntityManager): Promise<Map<number, number>> {
    const rows = await manager.query<{ epoch: number; started_at: Date }[]>(
      'SELECT epoch, started_at FROM epoch WHERE started_at IS NOT NULL',
    );
    return new Map(rows.map((row) => [row.epoch, row.started_at.getTime()]));
  },

  async system(manager: EntityManager, epoch: number): Promise<EpochRecord | undefined> {
    return (await EpochRepository.history(manager, 1, epoch + 1)).find((record) => record.epoch === epoch);
  },
};

export interface EpochRecord {
  readonly epoch: number;
  readonly startedCheckpoint: bigint | null;
  readonly startedAt: Date | null;
  readonly committeeSelectedAt: Date | null;
  readonly doneCheckpoint: bigint | null;
  readonly doneAt: Date | null;
  readonly totalCapacitySize: bigint | null;
  readonly usedCapacitySize: bigint | null;
  readonly storagePrice: bigint | null;
  readonly writePrice: bigint | null;
}

interface EpochRecordRow {
  epoch: number;
  started_checkpoint: string | null;
  started_at: Date | null;
  committee_selected_at: Date | null;
  done_checkpoint: string | null;
  done_at: Date | null;
  total_capacity_size: string | null;
  used_capacity_size: string | null;
  storage_price_per_unit_size: string | null;
  write_price_per_unit_size: string | null;
}

function toEpochRecord(row: EpochRecordRow): EpochRecord {
  const big = (value: string | null) => (value === null ? null : BigInt(value));
  return {
    epoch: row.epoch,
    startedCheckpoint: big(row.started_checkpoint),
    startedAt: row.started_at,
    committeeSelectedAt: row.committee_selected_at,
    doneCheckpoint: big(row.done_checkpoint),
    doneAt: row.done_at,
    totalCapacitySize: big(row.total_capacity_size),
    usedCapacitySize: big(row.used_capacity_size),
    storagePrice: big(row.storage_price_per_unit_size),
    writePrice: big(row.write_price_per_unit_size),
  };
}
