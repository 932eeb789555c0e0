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

  /** Addresses with a live position on each node. */
  async delegatorCounts(manager: EntityManager, nodeIds: readonly string[]): Promise<Map<string, number>> {
    const rows = await manager.query<{ node_id: string; delegators: string }[]>(
      `SELECT node_id, count(DISTINCT owner) AS delegators FROM staked_wal
       WHERE node_id = ANY($1::text[]) AND deleted_checkpoint IS NULL GROUP BY node_id`,
      [nodeIds],
    );
    return new Map(rows.map((row) => [row.node_id, Number(row.delegators)]));
  },

  /**
   * The addresses holding live positions on a node, each with its principal (and the part of it
   * requested for withdrawal) and positions, in `order`, after the position `after` gives.
   */
  async holders(
    manager: EntityManager,
    nodeId: string,
    page: {
      readonly order: 'principal' | 'address';
      readonly after?: { readonly principal: bigint; readonly owner: string };
      readonly limit: number;
    },
  ): Promise<HolderRow[]> {
    const byPrincipal = page.order === 'principal';
    const rows = await manager.query<
      { owner: string; principal: string; withdrawing: string; positions: string }[]
    >(
      `SELECT owner, sum(principal) AS principal,
              coalesce(sum(principal) FILTER (WHERE state = 'withdrawing'), 0) AS withdrawing, count(*) AS positions
       FROM staked_wal WHERE node_id = $1 AND deleted_checkpoint IS NULL GROUP BY owner
       HAVING $2::text IS NULL OR ${
         byPrincipal
           ? '(sum(principal) < $3::numeric OR (sum(principal) = $3::numeric AND owner > $2))'
           : 'owner > $2'
       }
       ORDER BY ${byPrincipal ? 'sum(principal) DESC, owner' : 'owner'} LIMIT $4`,
      [nodeId, page.after?.owner ?? null, page.after?.principal.toString() ?? null, page.limit],
    );
    return rows.map((row) => ({
      owner: row.owner,
      principal: BigInt(row.principal),
      withdrawing: BigInt(row.withdrawing),
      positions: Number(row.positions),
    }));
  },

  /**
   * The checkpoint of the snapshot the node's position history starts from, if the index was
   * bootstrapped (its rows carry the transaction digest `snapshot@<checkpoint>`); before it the
   * history is unknown.
   */
  async historyFrom(manager: EntityManager, nodeId: string): Promise<bigint | undefined> {
    const [row] = await manager.query<{ checkpoint: string | null }[]>(
      `SELECT min(v.checkpoint) AS checkpoint FROM staked_wal_version v
       JOIN staked_wal s USING (object_id) WHERE s.node_id = $1 AND v.tx_digest LIKE 'snapshot@%'`,
      [nodeId],
    );
    return row?.checkpoint === null || row === undefined ? undefined : BigInt(row.checkpoint);
  },

  /**
   * Each address's principal on a node as it stood at each cutoff checkpoint (its live positions'
   * latest versions by then), from the position history.
   */
  async principalsAt(
    manager: EntityManager,
    nodeId: string,
    cutoffs: readonly { readonly key: number; readonly checkpoint: bigint }[],
  ): Promise<Map<number, Map<string, bigint>>> {
    const rows = await manager.query<{ key: number; owner: string; principal: string }[]>(
      // A deletion's version names no node: the node's positions are found through staked_wal,
      // which keeps every position it ever had, and their versions through the primary key.
      `WITH objects AS (SELECT object_id FROM staked_wal WHERE node_id = $1)
       SELECT c.key, a.owner, sum(a.principal) AS principal
       FROM unnest($2::int[], $3::bigint[]) AS c(key, cutoff)
       CROSS JOIN LATERAL (
         SELECT DISTINCT ON (v.object_id) v.owner, v.principal, v.operation
         FROM staked_wal_version v JOIN objects o USING (object_id)
         WHERE v.checkpoint <= c.cutoff ORDER BY v.object_id, v.version DESC) a
       WHERE a.operation <> 'deleted'
       GROUP BY c.key, a.owner`,
      [nodeId, cutoffs.map((cutoff) => cutoff.key), cutoffs.map((cutoff) => cutoff.checkpoint.toString())],
    );
    const result = new Map<number, Map<string, bigint>>(cutoffs.map((cutoff) => [cutoff.key, new Map()]));
    for (const row of rows) {
      result.get(row.key)?.set(row.owner, BigInt(row.principal));
    }
    return result;
  },
};

/** An address with stake on a node. */
export interface HolderRow {
  readonly owner: string;
  readonly principal: bigint;
  /** Of the principal, what is requested for withdrawal. */
  readonly withdrawing: bigint;
  readonly positions: number;
}
