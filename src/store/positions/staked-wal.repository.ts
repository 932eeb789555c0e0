import type { EntityManager } from 'typeorm';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { StakedWalVersionEntity } from 'src/store/positions/staked-wal-version.entity';
import { StakedWalEntity } from 'src/store/positions/staked-wal.entity';

/** One version of a StakedWal, as the entity holds it: the position's fields are null for a deletion. */
export type StakedWalVersionRow = Readonly<Omit<StakedWalVersionEntity, 'operation'>> & {
  readonly operation: 'created' | 'mutated' | 'deleted';
};

export interface StakedWalFields {
  readonly owner: string;
  readonly nodeId: string;
  readonly principal: bigint;
  readonly state: 'staked' | 'withdrawing';
  readonly withdrawEpoch: number | null;
  readonly activationEpoch: number;
}

/** The current state of a position; `deletedCheckpoint` is set from the version history alone. */
export type StakedWalCurrentRow = Readonly<Omit<StakedWalEntity, 'deletedCheckpoint' | 'state'>> &
  StakedWalFields;

export interface StakedWalDeletion {
  readonly objectId: string;
  readonly version: bigint;
  readonly checkpoint: bigint;
}

/** StakedWal positions: every version, plus the current state guarded by version. */
export const StakedWalRepository = {
  async write(
    manager: EntityManager,
    versions: readonly StakedWalVersionRow[],
    current: readonly StakedWalCurrentRow[],
    deletions: readonly StakedWalDeletion[],
  ): Promise<void> {
    await bulkWriteEntities(
      manager,
      StakedWalVersionEntity,
      versions,
      'ON CONFLICT (object_id, version) DO NOTHING',
    );
    await bulkWriteEntities<StakedWalEntity, 'deletedCheckpoint'>(
      manager,
      StakedWalEntity,
      current,
      // Newer versions win; the creation checkpoint is filled whenever it becomes known, even by
      // an older version (a backfill behind a snapshot).
      ({ columns }) =>
        `ON CONFLICT (object_id) DO UPDATE SET ${columns
          .filter((column) => !['object_id', 'created_checkpoint'].includes(column.name))
          .map(
            (column) =>
              `"${column.name}" = CASE WHEN staked_wal.version < EXCLUDED.version ` +
              `THEN EXCLUDED."${column.name}" ELSE staked_wal."${column.name}" END`,
          )
          .join(', ')}, ` +
        `created_checkpoint = COALESCE(staked_wal.created_checkpoint, EXCLUDED.created_checkpoint) ` +
        `WHERE staked_wal.version < EXCLUDED.version ` +
        `OR (staked_wal.created_checkpoint IS NULL AND EXCLUDED.created_checkpoint IS NOT NULL)`,
      { except: ['deletedCheckpoint'] },
    );
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
