import type { EntityManager } from 'typeorm';
import { bulkInsert, type BulkColumn } from 'src/database/bulk-upsert';

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
      // Newer versions win; the creation checkpoint is filled whenever it becomes known, even by
      // an older version (a backfill behind a snapshot).
      onConflict:
        `ON CONFLICT (object_id) DO UPDATE SET ${CURRENT_COLUMNS.filter(
          (column) => !['object_id', 'created_checkpoint'].includes(column.name),
        )
          .map(
            (column) =>
              `"${column.name}" = CASE WHEN staked_wal.version < EXCLUDED.version ` +
              `THEN EXCLUDED."${column.name}" ELSE staked_wal."${column.name}" END`,
          )
          .join(', ')}, ` +
        `created_checkpoint = COALESCE(staked_wal.created_checkpoint, EXCLUDED.created_checkpoint) ` +
        `WHERE staked_wal.version < EXCLUDED.version ` +
        `OR (staked_wal.created_checkpoint IS NULL AND EXCLUDED.created_checkpoint IS NOT NULL)`,
    });
    // Deletions are applied from the version history, whichever of the deletion and the object's
    // earlier versions was indexed first.
    const touched = [
      ...new Set([...current.map((row) => row.objectId), ...deletions.map((row) => row.objectId)]),
    ];
    if (touched.length > 0) {
      await manager.query(
        `UPDATE staked_wal AS s SET deleted_checkpoint = v.checkpoint, version = v.version, updated_checkpoint = v.checkpoint
         FROM staked_wal_version AS v
         WHERE v.object_id = s.object_id AND v.operation = 'deleted' AND s.version < v.version
           AND s.object_id = ANY($1::text[])`,
        [touched],
      );
    }
  },

  /** An address's live positions, oldest activation first. */
  async liveByOwner(
    manager: EntityManager,
    owner: string,
  ): Promise<(StakedWalCurrentRow & { nodeName: string | null })[]> {
    const rows = await manager.query<
      {
        object_id: string;
        owner: string;
        node_id: string;
        principal: string;
        state: 'staked' | 'withdrawing';
        withdraw_epoch: number | null;
        activation_epoch: number;
        version: string;
        created_checkpoint: string | null;
        updated_checkpoint: string;
        name: string | null;
      }[]
    >(
      `SELECT s.*, n.name FROM staked_wal s LEFT JOIN storage_node n USING (node_id)
       WHERE s.owner = $1 AND s.deleted_checkpoint IS NULL ORDER BY s.activation_epoch, s.object_id`,
      [owner],
    );
    return rows.map((row) => ({
      objectId: row.object_id,
      owner: row.owner,
      nodeId: row.node_id,
      nodeName: row.name,
      principal: BigInt(row.principal),
      state: row.state,
      withdrawEpoch: row.withdraw_epoch,
      activationEpoch: row.activation_epoch,
      version: BigInt(row.version),
      createdCheckpoint: row.created_checkpoint === null ? null : BigInt(row.created_checkpoint),
      updatedCheckpoint: BigInt(row.updated_checkpoint),
    }));
  },
};
