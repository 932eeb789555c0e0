import type { EntityManager } from 'typeorm';
import { bulkInsert, versionGuardedUpsert, type BulkColumn } from 'src/database/bulk-upsert';
import type { FutureAccountingRow } from 'src/epochs/entities/system-state.entity';

export type EpochMoment = 'started' | 'committee_selected' | 'done';

export interface EpochMomentRow {
  readonly epoch: number;
  readonly moment: EpochMoment;
  readonly checkpoint: bigint;
  readonly at: Date;
}

export interface SystemStateRow {
  readonly epoch: number;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly updatedAt: Date;
  readonly nShards: number;
  readonly totalCapacitySize: bigint;
  readonly usedCapacitySize: bigint;
  readonly storagePricePerUnitSize: bigint;
  readonly writePricePerUnitSize: bigint;
  readonly futureAccounting: FutureAccountingRow[];
}

export interface DenyListSizesRow {
  readonly epoch: number;
  readonly version: bigint;
  readonly sizes: Record<string, string>;
}

const SYSTEM_COLUMNS: BulkColumn[] = [
  { name: 'epoch', type: 'integer' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'n_shards', type: 'integer' },
  { name: 'total_capacity_size', type: 'numeric' },
  { name: 'used_capacity_size', type: 'numeric' },
  { name: 'storage_price_per_unit_size', type: 'numeric' },
  { name: 'write_price_per_unit_size', type: 'numeric' },
  { name: 'future_accounting', type: 'jsonb' },
];

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
    await bulkInsert(manager, {
      table: 'system_state',
      columns: SYSTEM_COLUMNS,
      rows: rows.map((row) => [
        row.epoch,
        row.version,
        row.checkpoint,
        row.updatedAt,
        row.nShards,
        row.totalCapacitySize,
        row.usedCapacitySize,
        row.storagePricePerUnitSize,
        row.writePricePerUnitSize,
        row.futureAccounting,
      ]),
      onConflict: versionGuardedUpsert('system_state', SYSTEM_COLUMNS, ['epoch']),
    });
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
};
