import type { EntityManager } from 'typeorm';
import { bulkInsert, versionGuardedUpsert, type BulkColumn } from 'src/database/bulk-upsert';

export interface StakingStateRow {
  readonly epoch: number;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly updatedAt: Date;
  readonly nShards: number;
  readonly epochDurationMs: bigint;
  readonly firstEpochStartMs: bigint;
  readonly epochState: 'EpochChangeSync' | 'EpochChangeDone' | 'NextParamsSelected';
  readonly syncWeight: number | null;
  readonly stateTimestampMs: bigint | null;
  readonly nextTotalCapacitySize: bigint | null;
  readonly nextStoragePrice: bigint | null;
  readonly nextWritePrice: bigint | null;
  readonly nextCommitteeSelected: boolean;
}

export interface CommitteeMemberRow {
  readonly epoch: number;
  readonly nodeId: string;
  readonly position: number;
  readonly shards: readonly number[];
  readonly checkpoint: bigint;
}

export interface CommitteeSelectionRow {
  /** The epoch of the selected committee. */
  readonly epoch: number;
  readonly checkpoint: bigint;
  readonly nShards: number;
  /** The active set `voting_end` read, in order; undefined: the stored one of the epoch before. */
  readonly activeSet: readonly { nodeId: string; stakedAmount: bigint }[] | undefined;
}

export interface ActiveSetRow {
  readonly epoch: number;
  readonly maxSize: number;
  readonly thresholdStake: bigint;
  readonly totalStake: bigint;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly updatedAt: Date;
  readonly members: readonly { nodeId: string; stakedAmount: bigint }[];
}

/** A `staking_state` row as pg returns it: bigint and numeric as strings. */
interface StakingStateRecord {
  epoch: number;
  version: string;
  checkpoint: string;
  updated_at: Date;
  n_shards: number;
  epoch_duration_ms: string;
  first_epoch_start_ms: string;
  epoch_state: StakingStateRow['epochState'];
  sync_weight: number | null;
  state_timestamp_ms: string | null;
  next_total_capacity_size: string | null;
  next_storage_price: string | null;
  next_write_price: string | null;
  next_committee_selected: boolean;
}

const STATE_COLUMNS: BulkColumn[] = [
  { name: 'epoch', type: 'integer' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'n_shards', type: 'integer' },
  { name: 'epoch_duration_ms', type: 'bigint' },
  { name: 'first_epoch_start_ms', type: 'bigint' },
  { name: 'epoch_state', type: 'text' },
  { name: 'sync_weight', type: 'integer' },
  { name: 'state_timestamp_ms', type: 'bigint' },
  { name: 'next_total_capacity_size', type: 'numeric' },
  { name: 'next_storage_price', type: 'numeric' },
  { name: 'next_write_price', type: 'numeric' },
  { name: 'next_committee_selected', type: 'boolean' },
];

const MEMBER_COLUMNS: BulkColumn[] = [
  { name: 'epoch', type: 'integer' },
  { name: 'node_id', type: 'text' },
  { name: 'position', type: 'integer' },
  // Shard lists differ in length, which a 2-D array cannot hold: each travels as a text literal.
  { name: 'shards', type: 'text', cast: 'smallint[]' },
  { name: 'shard_count', type: 'integer' },
  { name: 'checkpoint', type: 'bigint' },
];

const ACTIVE_SET_COLUMNS: BulkColumn[] = [
  { name: 'epoch', type: 'integer' },
  { name: 'max_size', type: 'integer' },
  { name: 'threshold_stake', type: 'numeric' },
  { name: 'total_stake', type: 'numeric' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'updated_at', type: 'timestamptz' },
];

const ACTIVE_SET_MEMBER_COLUMNS: BulkColumn[] = [
  { name: 'epoch', type: 'integer' },
  { name: 'node_id', type: 'text' },
  { name: 'position', type: 'integer' },
  { name: 'staked_amount', type: 'numeric' },
];

/** The staking inner object's epoch state, committees and active set. */
export const CommitteeRepository = {
  async writeStakingStates(manager: EntityManager, rows: readonly StakingStateRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'staking_state',
      columns: STATE_COLUMNS,
      rows: rows.map((row) => [
        row.epoch,
        row.version,
        row.checkpoint,
        row.updatedAt,
        row.nShards,
        row.epochDurationMs,
        row.firstEpochStartMs,
        row.epochState,
        row.syncWeight,
        row.stateTimestampMs,
        row.nextTotalCapacitySize,
        row.nextStoragePrice,
        row.nextWritePrice,
        row.nextCommitteeSelected,
      ]),
      onConflict: versionGuardedUpsert('staking_state', STATE_COLUMNS, ['epoch']),
    });
  },

  /** A committee never changes once selected: the first sighting stays. */
  async writeCommitteeMembers(manager: EntityManager, rows: readonly CommitteeMemberRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'committee_member',
      columns: MEMBER_COLUMNS,
      rows: rows.map((row) => [
        row.epoch,
        row.nodeId,
        row.position,
        `{${row.shards.join(',')}}`,
        row.shards.length,
        row.checkpoint,
      ]),
      onConflict: 'ON CONFLICT (epoch, node_id) DO NOTHING',
    });
  },

  /** Replaces an epoch's active set when the row is a newer version of it. */
  async writeActiveSets(manager: EntityManager, rows: readonly ActiveSetRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const columns = ACTIVE_SET_COLUMNS.map((column) => `"${column.name}"`).join(', ');
    const changed: { epoch: number }[] = await manager.query(
      `INSERT INTO active_set (${columns})
       SELECT * FROM unnest($1::integer[], $2::integer[], $3::numeric[], $4::numeric[], $5::bigint[], $6::bigint[], $7::timestamptz[])
       ${versionGuardedUpsert('active_set', ACTIVE_SET_COLUMNS, ['epoch'])}
       RETURNING epoch`,
      [
        rows.map((row) => row.epoch),
        rows.map((row) => row.maxSize),
        rows.map((row) => row.thresholdStake.toString()),
        rows.map((row) => row.totalStake.toString()),
        rows.map((row) => row.version.toString()),
        rows.map((row) => row.checkpoint.toString()),
        rows.map((row) => row.updatedAt.toISOString()),
      ],
    );
    const epochs = new Set(changed.map((row) => row.epoch));
    if (epochs.size === 0) {
      return;
    }
    await manager.query('DELETE FROM active_set_member WHERE epoch = ANY($1::integer[])', [[...epochs]]);
    await bulkInsert(manager, {
      table: 'active_set_member',
      columns: ACTIVE_SET_MEMBER_COLUMNS,
      rows: rows
        .filter((row) => epochs.has(row.epoch))
        .flatMap((row) =>
          row.members.map((member, position) => [row.epoch, member.nodeId, position, member.stakedAmount]),
        ),
      onConflict: '',
    });
  },

  /** The members of an epoch's committee, in stored (node-ID) order, with names where known. */
  async members(
    manager: EntityManager,
    epoch: number,
  ): Promise<{ nodeId: string; name: string | null; shards: number[]; checkpoint: bigint }[]> {
    const rows = await manager.query<
      { node_id: string; name: string | null; shards: number[]; checkpoint: string }[]
    >(
      `SELECT m.node_id, n.name, m.shards, m.checkpoint FROM committee_member m
       LEFT JOIN storage_node n USING (node_id) WHERE m.epoch = $1 ORDER BY m.position`,
      [epoch],
    );
    return rows.map((row) => ({
      nodeId: row.node_id,
      name: row.name,
      shards: row.shards,
      checkpoint: BigInt(row.checkpoint),
    }));
  },

  /** The active set as it last stood in an epoch, in contract order. */
  async activeSet(
    manager: EntityManager,
    epoch: number,
  ): Promise<{ nodeId: string; stakedAmount: bigint }[]> {
    const rows = await manager.query<{ node_id: string; staked_amount: string }[]>(
      'SELECT node_id, staked_amount FROM active_set_member WHERE epoch = $1 ORDER BY position',
      [epoch],
    );
    return rows.map((row) => ({ nodeId: row.node_id, stakedAmount: BigInt(row.staked_amount) }));
  },

  /** The staking state of an epoch, or of the latest indexed epoch. */
  async stakingState(manager: EntityManager, epoch?: number): Promise<StakingStateRow | undefined> {
    const rows = await manager.query<StakingStateRecord[]>(
      epoch === undefined
        ? 'SELECT * FROM staking_state ORDER BY epoch DESC LIMIT 1'
        : 'SELECT * FROM staking_state WHERE epoch = $1',
      epoch === undefined ? [] : [epoch],
    );
    const row = rows[0];
    if (row === undefined) {
      return undefined;
    }
    const big = (value: string | null) => (value === null ? null : BigInt(value));
    return {
      epoch: row.epoch,
      version: BigInt(row.version),
      checkpoint: BigInt(row.checkpoint),
      updatedAt: row.updated_at,
      nShards: row.n_shards,
      epochDurationMs: BigInt(row.epoch_duration_ms),
      firstEpochStartMs: BigInt(row.first_epoch_start_ms),
      epochState: row.epoch_state,
      syncWeight: row.sync_weight,
      stateTimestampMs: big(row.state_timestamp_ms),
      nextTotalCapacitySize: big(row.next_total_capacity_size),
      nextStoragePrice: big(row.next_storage_price),
      nextWritePrice: big(row.next_write_price),
      nextCommitteeSelected: row.next_committee_selected,
    };
  },

  /** The active set's size limit and entry threshold as they last stood in an epoch. */
  async activeSetHeader(
    manager: EntityManager,
    epoch: number,
  ): Promise<{ maxSize: number; thresholdStake: bigint } | undefined> {
    const [row] = await manager.query<{ max_size: number; threshold_stake: string }[]>(
      'SELECT max_size, threshold_stake FROM active_set WHERE epoch <= $1 ORDER BY epoch DESC LIMIT 1',
      [epoch],
    );
    return row === undefined
      ? undefined
      : { maxSize: row.max_size, thresholdStake: BigInt(row.threshold_stake) };
  },

  /** A node's shard count in every committee it sat in. */
  async shardsByEpoch(manager: EntityManager, nodeId: string): Promise<Map<number, number>> {
    const rows = await manager.query<{ epoch: number; shard_count: number }[]>(
      'SELECT epoch, shard_count FROM committee_member WHERE node_id = $1',
      [nodeId],
    );
    return new Map(rows.map((row) => [row.epoch, row.shard_count]));
  },

  /** Records each selection once (the first sighting wins), with the active set it read. */
  async writeSelections(manager: EntityManager, rows: readonly CommitteeSelectionRow[]): Promise<void> {
    for (const row of rows) {
      const inserted = await manager.query<{ epoch: number }[]>(
        `INSERT INTO committee_selection (epoch, checkpoint, n_shards) VALUES ($1, $2, $3)
         ON CONFLICT (epoch) DO NOTHING RETURNING epoch`,
        [row.epoch, row.checkpoint.toString(), row.nShards],
      );
      if (inserted.length === 0) {
        continue;
      }
      if (row.activeSet === undefined) {
        await manager.query(
          `INSERT INTO committee_selection_member (epoch, node_id, position, staked_amount)
           SELECT $1, node_id, position, staked_amount FROM active_set_member
           WHERE epoch = (SELECT max(epoch) FROM active_set WHERE epoch <= $1 - 1)`,
          [row.epoch],
        );
      } else {
        await bulkInsert(manager, {
          table: 'committee_selection_member',
          columns: ACTIVE_SET_MEMBER_COLUMNS,
          rows: row.activeSet.map((member, position) => [
            row.epoch,
            member.nodeId,
            position,
            member.stakedAmount,
          ]),
          onConflict: '',
        });
      }
    }
  },

  /** What `voting_end` read to select an epoch's committee, if that moment was indexed. */
  async selection(
    manager: EntityManager,
    epoch: number,
  ): Promise<
    { checkpoint: bigint; nShards: number; activeSet: { nodeId: string; stakedAmount: bigint }[] } | undefined
  > {
    const [header] = await manager.query<{ checkpoint: string; n_shards: number }[]>(
      'SELECT checkpoint, n_shards FROM committee_selection WHERE epoch = $1',
      [epoch],
    );
    if (header === undefined) {
      return undefined;
    }
    const members = await manager.query<{ node_id: string; staked_amount: string }[]>(
      'SELECT node_id, staked_amount FROM committee_selection_member WHERE epoch = $1 ORDER BY position',
      [epoch],
    );
    return {
      checkpoint: BigInt(header.checkpoint),
      nShards: header.n_shards,
      activeSet: members.map((member) => ({
        nodeId: member.node_id,
        stakedAmount: BigInt(member.staked_amount),
      })),
    };
  },
};
