import type { EntityManager } from 'typeorm';
import { versionGuardedUpsert } from 'src/database/bulk-upsert';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { ActiveSetMemberEntity } from 'src/store/staking-state/active-set-member.entity';
import { ActiveSetEntity } from 'src/store/staking-state/active-set.entity';
import { CommitteeMemberEntity } from 'src/store/staking-state/committee-member.entity';
import { CommitteeSelectionMemberEntity } from 'src/store/staking-state/committee-selection-member.entity';
import { StakingStateEntity } from 'src/store/staking-state/staking-state.entity';
import { MigrationEpochVersionEntity } from 'src/store/staking-state/migration-epoch-version.entity';

export type StakingStateRow = Readonly<Omit<StakingStateEntity, 'epochState'>> & {
  readonly epochState: 'EpochChangeSync' | 'EpochChangeDone' | 'NextParamsSelected';
};

/** A committee member as the pipeline sees it; the write adds `shardCount`. */
export type CommitteeMemberRow = Readonly<Omit<CommitteeMemberEntity, 'shards' | 'shardCount'>> & {
  readonly shards: readonly number[];
};

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

/** The staking inner object's epoch state, committees and active set. */
export const StakingStateRepository = {
  async writeStakingStates(manager: EntityManager, rows: readonly StakingStateRow[]): Promise<void> {
    await bulkWriteEntities(manager, StakingStateEntity, rows, ({ table, columns }) =>
      versionGuardedUpsert(table, columns, ['epoch']),
    );
  },

  async writeMigrationEpochs(
    manager: EntityManager,
    rows: readonly MigrationEpochVersionEntity[],
  ): Promise<void> {
    await bulkWriteEntities(manager, MigrationEpochVersionEntity, rows, 'ON CONFLICT (version) DO NOTHING');
  },

  /** The `migration_epoch` as its last version left it; null when unset or removed. */
  async migrationEpoch(manager: EntityManager): Promise<number | null> {
    const [row] = await manager.getRepository(MigrationEpochVersionEntity).find({
      order: { version: 'DESC' },
      take: 1,
    });
    return row?.migrationEpoch ?? null;
  },

  /** A committee never changes once selected: the first sighting stays. */
  async writeCommitteeMembers(manager: EntityManager, rows: readonly CommitteeMemberRow[]): Promise<void> {
    await bulkWriteEntities(
      manager,
      CommitteeMemberEntity,
      rows.map((row) => ({ ...row, shards: [...row.shards], shardCount: row.shards.length })),
      'ON CONFLICT (epoch, node_id) DO NOTHING',
    );
  },

  /** Replaces an epoch's active set when the row is a newer version of it. */
  async writeActiveSets(manager: EntityManager, rows: readonly ActiveSetRow[]): Promise<void> {
    const changed = await bulkWriteEntities(
      manager,
      ActiveSetEntity,
      rows,
      ({ table, columns }) => versionGuardedUpsert(table, columns, ['epoch']),
      { returning: ['epoch'] },
    );
    const epochs = new Set(changed.map((row) => row.epoch as number));
    if (epochs.size === 0) {
      return;
    }
    await manager.query('DELETE FROM active_set_member WHERE epoch = ANY($1::integer[])', [[...epochs]]);
    await bulkWriteEntities(
      manager,
      ActiveSetMemberEntity,
      rows
        .filter((row) => epochs.has(row.epoch))
        .flatMap((row) => row.members.map((member, position) => ({ ...member, epoch: row.epoch, position }))),
      '',
    );
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
    const row = await manager.findOne(StakingStateEntity, {
      where: epoch === undefined ? {} : { epoch },
      order: { epoch: 'DESC' },
    });
    // The column holds only the three states the pipeline writes.
    return row === null ? undefined : (row as StakingStateRow);
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

  /** Each node's shard count in every committee it sat in, by epoch. */
  async shardsByEpoch(
    manager: EntityManager,
    nodeIds: readonly string[],
  ): Promise<Map<string, Map<number, number>>> {
    const rows = await manager.query<{ node_id: string; epoch: number; shard_count: number }[]>(
      'SELECT node_id, epoch, shard_count FROM committee_member WHERE node_id = ANY($1::text[])',
      [nodeIds],
    );
    const shards = new Map<string, Map<number, number>>();
    for (const row of rows) {
      let byEpoch = shards.get(row.node_id);
      if (byEpoch === undefined) {
        byEpoch = new Map();
        shards.set(row.node_id, byEpoch);
      }
      byEpoch.set(row.epoch, row.shard_count);
    }
    return shards;
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
        await bulkWriteEntities(
          manager,
          CommitteeSelectionMemberEntity,
          row.activeSet.map((member, position) => ({ ...member, epoch: row.epoch, position })),
          '',
        );
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
