import { In, type EntityManager } from 'typeorm';
import { exchangeRate, FLAT_RATE, type PoolExchangeRate } from 'src/domain/staking/exchange-rate';
import { setExcluded, versionGuardedUpsert } from 'src/database/bulk-upsert';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { ExchangeRateEntity } from 'src/store/pools/exchange-rate.entity';
import { NodeAttestationEntity } from 'src/store/pools/node-attestation.entity';
import { PoolStateEntity } from 'src/store/pools/pool-state.entity';
import { StorageNodeCapEntity } from 'src/store/pools/storage-node-cap.entity';
import { StorageNodeEntity } from 'src/store/pools/storage-node.entity';

/** A row as its entity declares it; the entity is the one place a column is written down. */
type Row<T> = Readonly<T>;

/** A node as last registered; `firstSeenCheckpoint` is kept by the write itself. */
export type StorageNodeRow = Row<Omit<StorageNodeEntity, 'firstSeenCheckpoint'>>;
export type PoolStateRow = Row<Omit<PoolStateEntity, 'state'>> & {
  readonly state: 'active' | 'withdrawing' | 'withdrawn';
};
export type ExchangeRateRow = Row<Omit<ExchangeRateEntity, 'kind'>> & { readonly kind: 'flat' | 'variable' };
export type StorageNodeCapRow = Row<StorageNodeCapEntity>;
export type NodeAttestationRow = Row<NodeAttestationEntity>;

/**
 * Storage nodes and their staking pools. Rows derived from an object are overwritten only by a
 * newer version of it, so a replayed or out-of-order batch never moves state backwards.
 */
type NodeIdentityColumn =
  'publicKey' | 'nextEpochPublicKey' | 'networkPublicKey' | 'commissionReceiver' | 'governanceAuthorized';

export const PoolRepository = {
  async writeNodes(manager: EntityManager, rows: readonly StorageNodeRow[]): Promise<void> {
    await bulkWriteEntities(
      manager,
      StorageNodeEntity,
      rows.map((row) => ({ ...row, firstSeenCheckpoint: row.checkpoint })),
      ({ columns }) =>
        `ON CONFLICT (node_id) DO UPDATE SET ${setExcluded(columns, ['node_id', 'first_seen_checkpoint'])}, ` +
        `first_seen_checkpoint = LEAST(storage_node.first_seen_checkpoint, EXCLUDED.first_seen_checkpoint) ` +
        `WHERE storage_node.version < EXCLUDED.version`,
    );
  },

  /** The identity part of each node as it stands: keys, and who acts for it. */
  async nodeIdentities(
    manager: EntityManager,
    nodeIds: readonly string[],
  ): Promise<Map<string, Pick<StorageNodeEntity, NodeIdentityColumn>>> {
    const rows = await manager.getRepository(StorageNodeEntity).find({ where: { nodeId: In([...nodeIds]) } });
    return new Map(rows.map((row) => [row.nodeId, row]));
  },

  async writePoolStates(manager: EntityManager, rows: readonly PoolStateRow[]): Promise<void> {
    await bulkWriteEntities(manager, PoolStateEntity, rows, ({ table, columns }) =>
      versionGuardedUpsert(table, columns, ['node_id', 'epoch']),
    );
  },

  async writeExchangeRates(manager: EntityManager, rows: readonly ExchangeRateRow[]): Promise<void> {
    await bulkWriteEntities(manager, ExchangeRateEntity, rows, ({ table, columns }) =>
      versionGuardedUpsert(table, columns, ['node_id', 'epoch']),
    );
  },

  async writeCaps(manager: EntityManager, rows: readonly StorageNodeCapRow[]): Promise<void> {
    await bulkWriteEntities(manager, StorageNodeCapEntity, rows, ({ table, columns }) =>
      versionGuardedUpsert(table, columns, ['cap_id']),
    );
  },

  /** Keeps the earliest sighting of each attestation. */
  async writeAttestations(manager: EntityManager, rows: readonly NodeAttestationRow[]): Promise<void> {
    await bulkWriteEntities(
      manager,
      NodeAttestationEntity,
      rows,
      `ON CONFLICT (node_id, epoch) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, attested_at = EXCLUDED.attested_at ` +
        `WHERE node_attestation.checkpoint > EXCLUDED.checkpoint`,
    );
  },

  /** The nodes' names, by node ID (nodes not indexed are left out). */
  async names(manager: EntityManager, nodeIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await manager.query<{ node_id: string; name: string }[]>(
      'SELECT node_id, name FROM storage_node WHERE node_id = ANY($1)',
      [nodeIds],
    );
    return new Map(rows.map((row) => [row.node_id, row.name]));
  },

  /** Each node's pool balance as last recorded, FROST. */
  async latestStakes(manager: EntityManager, nodeIds: readonly string[]): Promise<Map<string, bigint>> {
    const rows = await manager.query<{ node_id: string; wal_balance: string }[]>(
      `SELECT DISTINCT ON (node_id) node_id, wal_balance FROM pool_state WHERE node_id = ANY($1::text[])
       ORDER BY node_id, epoch DESC`,
      [nodeIds],
    );
    return new Map(rows.map((row) => [row.node_id, BigInt(row.wal_balance)]));
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

  /** Each pool's rows, one per epoch in which it changed, oldest first. */
  async poolHistories(
    manager: EntityManager,
    nodeIds: readonly string[],
  ): Promise<Map<string, { epoch: number; stake: bigint; commissionRate: number }[]>> {
    const rows = await manager.query<
      { node_id: string; epoch: number; wal_balance: string; commission_rate: number }[]
    >(
      `SELECT node_id, epoch, wal_balance, commission_rate FROM pool_state
       WHERE node_id = ANY($1::text[]) ORDER BY node_id, epoch`,
      [nodeIds],
    );
    const histories = new Map<string, { epoch: number; stake: bigint; commissionRate: number }[]>();
    for (const row of rows) {
      let history = histories.get(row.node_id);
      if (history === undefined) {
        history = [];
        histories.set(row.node_id, history);
      }
      history.push({ epoch: row.epoch, stake: BigInt(row.wal_balance), commissionRate: row.commission_rate });
    }
    return histories;
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
