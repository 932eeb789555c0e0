import type { EntityManager } from 'typeorm';
import { bulkInsert, setExcluded, type BulkColumn } from 'src/database/bulk-upsert';

export interface StakedWalVersionRow {
  readonly objectId: string;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly txDigest: string;
  readonly timestamp: Date;
  readonly operation: 'created' | 'mutated' | 'deleted';
  readonly position: StakedWalFields | null;
}

export interface StakedWalFields {
  readonly owner: string;
  readonly nodeId: string;
  readonly principal: bigint;
  readonly state: 'staked' | 'withdrawing';
  readonly withdrawEpoch: number | null;
  readonly activationEpoch: number;
}

export interface StakedWalCurrentRow extends StakedWalFields {
  readonly objectId: string;
  readonly version: bigint;
  readonly createdCheckpoint: bigint | null;
  readonly updatedCheckpoint: bigint;
}

export interface StakedWalDeletion {
  readonly objectId: string;
  readonly version: bigint;
  readonly checkpoint: bigint;
}

const VERSION_COLUMNS: BulkColumn[] = [
  { name: 'object_id', type: 'text' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'tx_digest', type: 'text' },
  { name: 'timestamp', type: 'timestamptz' },
  { name: 'operation', type: 'text' },
  { name: 'owner', type: 'text' },
  { name: 'node_id', type: 'text' },
  { name: 'principal', type: 'numeric' },
  { name: 'state', type: 'text' },
  { name: 'withdraw_epoch', type: 'integer' },
  { name: 'activation_epoch', type: 'integer' },
];

const CURRENT_COLUMNS: BulkColumn[] = [
  { name: 'object_id', type: 'text' },
  { name: 'owner', type: 'text' },
  { name: 'node_id', type: 'text' },
  { name: 'principal', type: 'numeric' },
  { name: 'state', type: 'text' },
  { name: 'withdraw_epoch', type: 'integer' },
  { name: 'activation_epoch', type: 'integer' },
  { name: 'version', type: 'bigint' },
  { name: 'created_checkpoint', type: 'bigint' },
  { name: 'updated_checkpoint', type: 'bigint' },
];

/** StakedWal positions: every version, plus the current state guarded by version. */
export const StakedWalRepository = {
  async write(
    manager: EntityManager,
    versions: readonly StakedWalVersionRow[],
    current: readonly StakedWalCurrentRow[],
    deletions: readonly StakedWalDeletion[],
  ): Promise<void> {
    await bulkInsert(manager, {
      table: 'staked_wal_version',
      columns: VERSION_COLUMNS,
      rows: versions.map((row) => [
        row.objectId,
        row.version,
        row.checkpoint,
        row.txDigest,
        row.timestamp,
        row.operation,
        row.position?.owner ?? null,
        row.position?.nodeId ?? null,
        row.position?.principal ?? null,
        row.position?.state ?? null,
        row.position?.withdrawEpoch ?? null,
        row.position?.activationEpoch ?? null,
      ]),
      onConflict: 'ON CONFLICT (object_id, version) DO NOTHING',
    });
    await bulkInsert(manager, {
      table: 'staked_wal',
      columns: CURRENT_COLUMNS,
      rows: current.map((row) => [
        row.objectId,
        row.owner,
        row.nodeId,
        row.principal,
        row.state,
        row.withdrawEpoch,
        row.activationEpoch,
        row.version,
        row.createdCheckpoint,
        row.updatedCheckpoint,
      ]),
      onConflict:
        `ON CONFLICT (object_id) DO UPDATE SET ${setExcluded(CURRENT_COLUMNS, ['object_id', 'created_checkpoint'])}, ` +
        `created_checkpoint = COALESCE(staked_wal.created_checkpoint, EXCLUDED.created_checkpoint) ` +
        `WHERE staked_wal.version < EXCLUDED.version`,
    });
    if (deletions.length > 0) {
      await manager.query(
        `UPDATE staked_wal AS s SET deleted_checkpoint = d.checkpoint, version = d.version, updated_checkpoint = d.checkpoint
         FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS d(object_id, version, checkpoint)
         WHERE s.object_id = d.object_id AND s.version < d.version`,
        [
          deletions.map((row) => row.objectId),
          deletions.map((row) => row.version.toString()),
          deletions.map((row) => row.checkpoint.toString()),
        ],
      );
    }
  },
};
