import type { EntityManager } from 'typeorm';
import { exchangeRate, FLAT_RATE, type PoolExchangeRate } from 'src/domain/staking/exchange-rate';
import {
  bulkInsert,
  setExcluded,
  versionGuardedUpsert,
  type BulkColumn,
  type BulkValue,
} from 'src/database/bulk-upsert';

export interface StorageNodeRow {
  readonly nodeId: string;
  readonly name: string;
  readonly networkAddress: string;
  readonly publicKey: string;
  readonly nextEpochPublicKey: string | null;
  readonly networkPublicKey: string;
  readonly exchangeRatesId: string;
  readonly commissionReceiver: string;
  readonly governanceAuthorized: string;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly updatedAt: Date;
}

export interface PoolStateRow {
  readonly nodeId: string;
  readonly epoch: number;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly updatedAt: Date;
  readonly state: 'active' | 'withdrawing' | 'withdrawn';
  readonly withdrawingEpoch: number | null;
  readonly activationEpoch: number;
  readonly latestEpoch: number;
  readonly walBalance: bigint;
  readonly numShares: bigint;
  readonly commissionRate: number;
  readonly pendingCommissionRate: { epoch: number; value: string }[];
  readonly pendingStake: { epoch: number; value: string }[];
  readonly pendingSharesWithdraw: { epoch: number; value: string }[];
  readonly preActiveWithdrawals: { epoch: number; value: string }[];
  readonly rewardsPool: bigint;
  readonly commission: bigint;
  readonly storagePriceVote: bigint;
  readonly writePriceVote: bigint;
  readonly nodeCapacityVote: bigint;
}

export interface ExchangeRateRow {
  readonly nodeId: string;
  readonly epoch: number;
  readonly kind: 'flat' | 'variable';
  readonly walAmount: bigint | null;
  readonly shareAmount: bigint | null;
  readonly version: bigint;
  readonly checkpoint: bigint;
}

export interface StorageNodeCapRow {
  readonly capId: string;
  readonly nodeId: string;
  readonly owner: string;
  readonly lastEpochSyncDone: number;
  readonly denyListSize: bigint;
  readonly denyListSequence: bigint;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly updatedAt: Date;
}

export interface NodeAttestationRow {
  readonly nodeId: string;
  readonly epoch: number;
  readonly checkpoint: bigint;
  readonly attestedAt: Date;
}

const NODE_COLUMNS: BulkColumn[] = [
  { name: 'node_id', type: 'text' },
  { name: 'name', type: 'text' },
  { name: 'network_address', type: 'text' },
  { name: 'public_key', type: 'text' },
  { name: 'next_epoch_public_key', type: 'text' },
  { name: 'network_public_key', type: 'text' },
  { name: 'exchange_rates_id', type: 'text' },
  { name: 'commission_receiver', type: 'text' },
  { name: 'governance_authorized', type: 'text' },
  { name: 'first_seen_checkpoint', type: 'bigint' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'updated_at', type: 'timestamptz' },
];

const POOL_COLUMNS: BulkColumn[] = [
  { name: 'node_id', type: 'text' },
  { name: 'epoch', type: 'integer' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'state', type: 'text' },
  { name: 'withdrawing_epoch', type: 'integer' },
  { name: 'activation_epoch', type: 'integer' },
  { name: 'latest_epoch', type: 'integer' },
  { name: 'wal_balance', type: 'numeric' },
  { name: 'num_shares', type: 'numeric' },
  { name: 'commission_rate', type: 'integer' },
  { name: 'pending_commission_rate', type: 'jsonb' },
  { name: 'pending_stake', type: 'jsonb' },
  { name: 'pending_shares_withdraw', type: 'jsonb' },
  { name: 'pre_active_withdrawals', type: 'jsonb' },
  { name: 'rewards_pool', type: 'numeric' },
  { name: 'commission', type: 'numeric' },
  { name: 'storage_price_vote', type: 'numeric' },
  { name: 'write_price_vote', type: 'numeric' },
  { name: 'node_capacity_vote', type: 'numeric' },
];

const RATE_COLUMNS: BulkColumn[] = [
  { name: 'node_id', type: 'text' },
  { name: 'epoch', type: 'integer' },
  { name: 'kind', type: 'text' },
  { name: 'wal_amount', type: 'numeric' },
  { name: 'share_amount', type: 'numeric' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
];

const CAP_COLUMNS: BulkColumn[] = [
  { name: 'cap_id', type: 'text' },
  { name: 'node_id', type: 'text' },
  { name: 'owner', type: 'text' },
  { name: 'last_epoch_sync_done', type: 'integer' },
  { name: 'deny_list_size', type: 'numeric' },
  { name: 'deny_list_sequence', type: 'numeric' },
  { name: 'version', type: 'bigint' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'updated_at', type: 'timestamptz' },
];

const ATTESTATION_COLUMNS: BulkColumn[] = [
  { name: 'node_id', type: 'text' },
  { name: 'epoch', type: 'integer' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'attested_at', type: 'timestamptz' },
];

/**
 * Storage nodes and their staking pools. Rows derived from an object are overwritten only by a
 * newer version of it, so a replayed or out-of-order batch never moves state backwards.
 */
export const PoolRepository = {
  async writeNodes(manager: EntityManager, rows: readonly StorageNodeRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'storage_node',
      columns: NODE_COLUMNS,
      rows: rows.map((row) => [
        row.nodeId,
        row.name,
        row.networkAddress,
        row.publicKey,
        row.nextEpochPublicKey,
        row.networkPublicKey,
        row.exchangeRatesId,
        row.commissionReceiver,
        row.governanceAuthorized,
        row.checkpoint,
        row.version,
        row.checkpoint,
        row.updatedAt,
      ]),
      onConflict:
        `ON CONFLICT (node_id) DO UPDATE SET ${setExcluded(NODE_COLUMNS, ['node_id', 'first_seen_checkpoint'])}, ` +
        `first_seen_checkpoint = LEAST(storage_node.first_seen_checkpoint, EXCLUDED.first_seen_checkpoint) ` +
        `WHERE storage_node.version < EXCLUDED.version`,
    });
  },

  async writePoolStates(manager: EntityManager, rows: readonly PoolStateRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'pool_state',
      columns: POOL_COLUMNS,
      rows: rows.map((row): BulkValue[] => [
        row.nodeId,
        row.epoch,
        row.version,
        row.checkpoint,
        row.updatedAt,
        row.state,
        row.withdrawingEpoch,
        row.activationEpoch,
        row.latestEpoch,
        row.walBalance,
        row.numShares,
        row.commissionRate,
        row.pendingCommissionRate,
        row.pendingStake,
        row.pendingSharesWithdraw,
        row.preActiveWithdrawals,
        row.rewardsPool,
        row.commission,
        row.storagePriceVote,
        row.writePriceVote,
        row.nodeCapacityVote,
      ]),
      onConflict: versionGuardedUpsert('pool_state', POOL_COLUMNS, ['node_id', 'epoch']),
    });
  },

  async writeExchangeRates(manager: EntityManager, rows: readonly ExchangeRateRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'exchange_rate',
      columns: RATE_COLUMNS,
      rows: rows.map((row) => [
        row.nodeId,
        row.epoch,
        row.kind,
        row.walAmount,
        row.shareAmount,
        row.version,
        row.checkpoint,
      ]),
      onConflict: versionGuardedUpsert('exchange_rate', RATE_COLUMNS, ['node_id', 'epoch']),
    });
  },

  async writeCaps(manager: EntityManager, rows: readonly StorageNodeCapRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'storage_node_cap',
      columns: CAP_COLUMNS,
      rows: rows.map((row) => [
        row.capId,
        row.nodeId,
        row.owner,
        row.lastEpochSyncDone,
        row.denyListSize,
        row.denyListSequence,
        row.version,
        row.checkpoint,
        row.updatedAt,
      ]),
      onConflict: versionGuardedUpsert('storage_node_cap', CAP_COLUMNS, ['cap_id']),
    });
  },

  /** Keeps the earliest sighting of each attestation. */
  async writeAttestations(manager: EntityManager, rows: readonly NodeAttestationRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'node_attestation',
      columns: ATTESTATION_COLUMNS,
      rows: rows.map((row) => [row.nodeId, row.epoch, row.checkpoint, row.attestedAt]),
      onConflict:
        `ON CONFLICT (node_id, epoch) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, attested_at = EXCLUDED.attested_at ` +
        `WHERE node_attestation.checkpoint > EXCLUDED.checkpoint`,
    });
  },

  /** The nodes' names, by node ID (nodes not indexed are left out). */
  async names(manager: EntityManager, nodeIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await manager.query<{ node_id: string; name: string }[]>(
      'SELECT node_id, name FROM storage_node WHERE node_id = ANY($1)',
      [nodeIds],
    );
    return new Map(rows.map((row) => [row.node_id, row.name]));
  },

  /** Exchange-rate table ID → node ID, for every known pool. */
  async exchangeRateTables(manager: EntityManager): Promise<Map<string, string>> {
    const rows: { exchange_rates_id: string; node_id: string }[] = await manager.query(
      'SELECT exchange_rates_id, node_id FROM storage_node',
    );
    return new Map(rows.map((row) => [row.exchange_rates_id, row.node_id]));
  },

  /** Each node's pool balance as it stood at the end of `epoch` (its latest row up to it). */
  async balancesAsOf(
    manager: EntityManager,
    epoch: number,
    nodeIds: readonly string[],
  ): Promise<Map<string, bigint>> {
    const rows = await manager.query<{ node_id: string; wal_balance: string }[]>(
      `SELECT DISTINCT ON (node_id) node_id, wal_balance FROM pool_state
       WHERE epoch <= $1 AND node_id = ANY($2::text[]) ORDER BY node_id, epoch DESC`,
      [epoch, nodeIds],
    );
    return new Map(rows.map((row) => [row.node_id, BigInt(row.wal_balance)]));
  },

  /** Each pool's recorded exchange rates and activation epoch, for reward arithmetic. */
  async rateHistories(
    manager: EntityManager,
    nodeIds: readonly string[],
  ): Promise<Map<string, { activationEpoch: number; rates: Map<number, PoolExchangeRate> }>> {
    const pools = await manager.query<{ node_id: string; activation_epoch: number }[]>(
      `SELECT DISTINCT ON (node_id) node_id, activation_epoch FROM pool_state
       WHERE node_id = ANY($1::text[]) ORDER BY node_id, epoch DESC`,
      [nodeIds],
    );
    const rates = await manager.query<
      {
        node_id: string;
        epoch: number;
        kind: string;
        wal_amount: string | null;
        share_amount: string | null;
      }[]
    >(
      'SELECT node_id, epoch, kind, wal_amount, share_amount FROM exchange_rate WHERE node_id = ANY($1::text[])',
      [nodeIds],
    );
    const histories = new Map(
      pools.map((pool) => [
        pool.node_id,
        { activationEpoch: pool.activation_epoch, rates: new Map<number, PoolExchangeRate>() },
      ]),
    );
    for (const rate of rates) {
      histories
        .get(rate.node_id)
        ?.rates.set(
          rate.epoch,
          rate.kind === 'variable' && rate.wal_amount !== null && rate.share_amount !== null
            ? exchangeRate(BigInt(rate.wal_amount), BigInt(rate.share_amount))
            : FLAT_RATE,
        );
    }
    return histories;
  },

  /** Each node's price and capacity votes as they stood at the end of `epoch`. */
  async votesAsOf(
    manager: EntityManager,
    epoch: number,
    nodeIds: readonly string[],
  ): Promise<Map<string, { storagePrice: bigint; writePrice: bigint; nodeCapacity: bigint }>> {
    const rows = await manager.query<
      { node_id: string; storage_price_vote: string; write_price_vote: string; node_capacity_vote: string }[]
    >(
      `SELECT DISTINCT ON (node_id) node_id, storage_price_vote, write_price_vote, node_capacity_vote FROM pool_state
       WHERE epoch <= $1 AND node_id = ANY($2::text[]) ORDER BY node_id, epoch DESC`,
      [epoch, nodeIds],
    );
    return new Map(
      rows.map((row) => [
        row.node_id,
        {
          storagePrice: BigInt(row.storage_price_vote),
          writePrice: BigInt(row.write_price_vote),
          nodeCapacity: BigInt(row.node_capacity_vote),
        },
      ]),
    );
  },

  /** A pool's rows, one per epoch in which it changed, oldest first. */
  async poolHistory(
    manager: EntityManager,
    nodeId: string,
  ): Promise<{ epoch: number; stake: bigint; commissionRate: number }[]> {
    const rows = await manager.query<{ epoch: number; wal_balance: string; commission_rate: number }[]>(
      'SELECT epoch, wal_balance, commission_rate FROM pool_state WHERE node_id = $1 ORDER BY epoch',
      [nodeId],
    );
    return rows.map((row) => ({
      epoch: row.epoch,
      stake: BigInt(row.wal_balance),
      commissionRate: row.commission_rate,
    }));
  },

  /** Live stake each node's operator (the owner of its StorageNodeCap) holds in its own pool. */
  async selfStakes(manager: EntityManager, nodeIds: readonly string[]): Promise<Map<string, bigint>> {
    const rows = await manager.query<{ node_id: string; total: string }[]>(
      `SELECT s.node_id, sum(s.principal) AS total FROM staked_wal s
       JOIN storage_node_cap c ON c.node_id = s.node_id AND c.owner = s.owner
       WHERE s.node_id = ANY($1::text[]) AND s.deleted_checkpoint IS NULL GROUP BY s.node_id`,
      [nodeIds],
    );
    return new Map(rows.map((row) => [row.node_id, BigInt(row.total)]));
  },
};
