import type { EntityManager } from 'typeorm';

/** What the chain recorded about one epoch's reward split: the inputs of `advance_epoch`. */
export interface EpochRewardInputs {
  readonly epoch: number;
  readonly nShards: number;
  /** The ending epoch's bucket and its used capacity, as last seen in that epoch. */
  readonly bucket: bigint;
  readonly usedCapacity: bigint;
  readonly denyListSizes: Readonly<Record<string, string>>;
  readonly members: readonly {
    readonly nodeId: string;
    readonly name: string | null;
    readonly shards: number;
    /** The pool as it stood in the epoch: its commission rate and its balance after the epoch started. */
    readonly commissionRate: number | null;
    readonly walBalance: bigint | null;
    readonly numShares: bigint | null;
    /** The rate the pool recorded at the next epoch change (its balance with the rewards, its shares). */
    readonly nextRate: {
      readonly walAmount: bigint | null;
      readonly shareAmount: bigint | null;
      readonly kind: string;
    } | null;
  }[];
}

/** The prepaid buckets of the coming epochs, as the system object last stood. */
export interface FutureBucket {
  readonly epoch: number;
  readonly rewards: bigint;
  readonly usedCapacity: bigint;
}

interface FutureAccountingEntry {
  epoch: number;
  usedCapacity: string;
  rewardsToDistribute: string;
}

export const RewardsRepository = {
  /** The inputs of epoch `epoch`'s reward split, or undefined while its system state is not indexed. */
  async epochInputs(manager: EntityManager, epoch: number): Promise<EpochRewardInputs | undefined> {
    const [system] = await manager.query<
      {
        n_shards: number;
        future_accounting: FutureAccountingEntry[];
        deny_list_sizes: Record<string, string>;
      }[]
    >('SELECT n_shards, future_accounting, deny_list_sizes FROM system_state WHERE epoch = $1', [epoch]);
    const bucket = system?.future_accounting.find((entry) => entry.epoch === epoch);
    if (system === undefined || bucket === undefined) {
      return undefined;
    }
    const members = await manager.query<
      {
        node_id: string;
        name: string | null;
        shard_count: number;
        commission_rate: number | null;
        wal_balance: string | null;
        num_shares: string | null;
        next_kind: string | null;
        next_wal: string | null;
        next_shares: string | null;
      }[]
    >(
      `SELECT c.node_id, n.name, c.shard_count, p.commission_rate, p.wal_balance, p.num_shares,
              r.kind AS next_kind, r.wal_amount AS next_wal, r.share_amount AS next_shares
       FROM committee_member c
       LEFT JOIN storage_node n USING (node_id)
       LEFT JOIN LATERAL (SELECT commission_rate, wal_balance, num_shares FROM pool_state p
                          WHERE p.node_id = c.node_id AND p.epoch <= c.epoch ORDER BY p.epoch DESC LIMIT 1) p ON true
       LEFT JOIN exchange_rate r ON r.node_id = c.node_id AND r.epoch = c.epoch + 1
       WHERE c.epoch = $1 ORDER BY c.position`,
      [epoch],
    );
    const big = (value: string | null) => (value === null ? null : BigInt(value));
    return {
      epoch,
      nShards: system.n_shards,
      bucket: BigInt(bucket.rewardsToDistribute),
      usedCapacity: BigInt(bucket.usedCapacity),
      denyListSizes: system.deny_list_sizes,
      members: members.map((row) => ({
        nodeId: row.node_id,
        name: row.name,
        shards: row.shard_count,
        commissionRate: row.commission_rate,
        walBalance: big(row.wal_balance),
        numShares: big(row.num_shares),
        nextRate:
          row.next_kind === null
            ? null
            : { kind: row.next_kind, walAmount: big(row.next_wal), shareAmount: big(row.next_shares) },
      })),
    };
  },

  /** Epochs whose reward split has happened (the next epoch started), newest first. */
  async paidEpochs(manager: EntityManager, last: number): Promise<number[]> {
    const rows = await manager.query<{ epoch: number }[]>(
      `SELECT e.epoch FROM epoch e JOIN epoch n ON n.epoch = e.epoch + 1
       WHERE n.started_at IS NOT NULL ORDER BY e.epoch DESC LIMIT $1`,
      [last],
    );
    return rows.map((row) => row.epoch);
  },

  /** Each epoch's own bucket as it last stood in that epoch (what its end paid out). */
  async endingBuckets(manager: EntityManager): Promise<Map<number, bigint>> {
    const rows = await manager.query<{ epoch: number; rewards: string | null }[]>(
      `SELECT s.epoch, bucket.value->>'rewardsToDistribute' AS rewards
       FROM system_state s
       LEFT JOIN LATERAL (SELECT value FROM jsonb_array_elements(s.future_accounting)
                          WHERE (value->>'epoch')::integer = s.epoch LIMIT 1) bucket ON true`,
    );
    return new Map(rows.flatMap((row) => (row.rewards === null ? [] : [[row.epoch, BigInt(row.rewards)]])));
  },

  /** The prepaid buckets after the current epoch's. */
  async futureBuckets(
    manager: EntityManager,
  ): Promise<{ epoch: number; nShards: number; buckets: FutureBucket[] } | undefined> {
    const [row] = await manager.query<
      { epoch: number; n_shards: number; future_accounting: FutureAccountingEntry[] }[]
    >('SELECT epoch, n_shards, future_accounting FROM system_state ORDER BY epoch DESC LIMIT 1');
    if (row === undefined) {
      return undefined;
    }
    return {
      epoch: row.epoch,
      nShards: row.n_shards,
      buckets: row.future_accounting
        .filter((entry) => entry.epoch >= row.epoch)
        .map((entry) => ({
          epoch: entry.epoch,
          rewards: BigInt(entry.rewardsToDistribute),
          usedCapacity: BigInt(entry.usedCapacity),
        })),
    };
  },
};
