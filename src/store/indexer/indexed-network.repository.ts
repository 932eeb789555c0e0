import type { EntityManager } from 'typeorm';
import { NonRetryableChainError } from 'src/chain/chain-errors';

export interface NetworkIdentity {
  readonly network: string;
  readonly chainId: string;
  readonly genesisTime: Date | null;
  readonly stakingObjectId: string;
  readonly systemObjectId: string;
  readonly packageId: string;
}

interface NetworkRecord {
  network: string;
  chain_id: string;
  genesis_time: Date | null;
  staking_object_id: string;
  system_object_id: string;
  package_id: string;
}

/** Binds a database to the one network it indexes. */
export const IndexedNetworkRepository = {
  /**
   * Records the network on first use and checks it on every later start. A different chain is
   * refused; a new run of the local network (same chain ID, new genesis) wipes the indexed rows
   * when `resetIfEphemeral` is set, since that chain's history is gone.
   */
  async bind(
    manager: EntityManager,
    identity: NetworkIdentity,
    resetIfEphemeral: boolean,
  ): Promise<'new' | 'same' | 'reset'> {
    return manager.transaction(async (tx) => {
      const [existing] = await tx.query<NetworkRecord[]>(
        'SELECT * FROM indexed_network WHERE id = 1 FOR UPDATE',
      );
      if (existing !== undefined && sameNetwork(existing, identity)) {
        return 'same';
      }
      if (existing !== undefined && !resetIfEphemeral) {
        throw new NonRetryableChainError(
          `this database indexes ${existing.network} (chain ${existing.chain_id}, staking ${existing.staking_object_id}); ` +
            `Tusk is configured for ${identity.network} (chain ${identity.chainId}, staking ${identity.stakingObjectId}). ` +
            'Point DATABASE_URL (or TUSK_DATA_DIR) at a database of its own.',
        );
      }
      if (existing !== undefined) {
        const tables = tx.dataSource.entityMetadatas.map((metadata) => `"${metadata.tableName}"`);
        await tx.query(`TRUNCATE ${tables.join(', ')}`);
      }
      await tx.query(
        `INSERT INTO indexed_network (id, network, chain_id, genesis_time, staking_object_id, system_object_id, package_id)
         VALUES (1, $1, $2, $3, $4, $5, $6)`,
        [
          identity.network,
          identity.chainId,
          identity.genesisTime,
          identity.stakingObjectId,
          identity.systemObjectId,
          identity.packageId,
        ],
      );
      return existing === undefined ? 'new' : 'reset';
    });
  },

  async get(manager: EntityManager): Promise<NetworkIdentity | undefined> {
    const [row] = await manager.query<NetworkRecord[]>('SELECT * FROM indexed_network WHERE id = 1');
    return row === undefined
      ? undefined
      : {
          network: row.network,
          chainId: row.chain_id,
          genesisTime: row.genesis_time,
          stakingObjectId: row.staking_object_id,
          systemObjectId: row.system_object_id,
          packageId: row.package_id,
        };
  },
};

function sameNetwork(row: NetworkRecord, identity: NetworkIdentity): boolean {
  return (
    row.network === identity.network &&
    row.chain_id === identity.chainId &&
    row.staking_object_id === identity.stakingObjectId &&
    row.system_object_id === identity.systemObjectId &&
    // An unknown genesis now (a pruned local network) cannot tell a rerun apart: the stored one stands.
    (identity.genesisTime === null ||
      (row.genesis_time?.getTime() ?? null) === identity.genesisTime.getTime())
  );
}
