import { toHex } from '@mysten/sui/utils';
import type { EntityManager } from 'typeorm';
import * as W from 'src/chain/walrus-bcs';
import {
  keepNewest,
  keepNewestSighting,
  timing,
  type Sighting,
  type StakingBatch,
} from 'src/indexer/pipelines/staking/staking-batch';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { authorizedText, decodeObject, elementHex, pendingRows } from 'src/indexer/walrus-decoders';
import { PoolRepository, type PoolStateRow, type StorageNodeRow } from 'src/store/pools/pool.repository';
import { NodeIdentityRepository } from 'src/store/node-identity/node-identity.repository';

/**
 * Staking pools: the storage node each describes, and the pool's state in each epoch it changed.
 * Decoding a pool also files its exchange-rate table under it, for the rates that follow.
 */
export class StakingPoolHandler implements StakingObjectHandler {
  readonly kinds = ['stakingPool'] as const;
  private readonly newest = new Map<string, Sighting>();
  private readonly nodes = new Map<string, StorageNodeRow>();
  private readonly pools = new Map<string, PoolStateRow>();

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint, batch: StakingBatch): void {
    const epoch = batch.requireEpoch(change);
    keepNewestSighting(this.newest, `${change.objectId}/${epoch}`, { change, checkpoint, epoch });
  }

  decode(batch: StakingBatch): void {
    for (const sighting of this.newest.values()) {
      const { change } = sighting;
      const at = timing(sighting);
      const pool = decodeObject(W.StakingPool, change);
      if (batch.rateTables.get(pool.exchange_rates.id) !== pool.id) {
        batch.rateTables = new Map(batch.rateTables).set(pool.exchange_rates.id, pool.id);
      }
      keepNewest(this.nodes, pool.id, {
        nodeId: pool.id,
        name: pool.node_info.name,
        networkAddress: pool.node_info.network_address,
        publicKey: elementHex(pool.node_info.public_key),
        nextEpochPublicKey:
          pool.node_info.next_epoch_public_key === null
            ? null
            : elementHex(pool.node_info.next_epoch_public_key),
        networkPublicKey: `0x${toHex(Uint8Array.from(pool.node_info.network_public_key))}`,
        exchangeRatesId: pool.exchange_rates.id,
        metadataId: pool.node_info.metadata.id,
        commissionReceiver: authorizedText(pool.commission_receiver),
        governanceAuthorized: authorizedText(pool.governance_authorized),
        version: change.version,
        ...at,
      });
      keepNewest(this.pools, `${pool.id}/${sighting.epoch}`, {
        nodeId: pool.id,
        epoch: sighting.epoch,
        version: change.version,
        ...at,
        state:
          pool.state.$kind === 'Active'
            ? 'active'
            : pool.state.$kind === 'Withdrawing'
              ? 'withdrawing'
              : 'withdrawn',
        withdrawingEpoch: pool.state.Withdrawing ?? null,
        activationEpoch: pool.activation_epoch,
        latestEpoch: pool.latest_epoch,
        walBalance: BigInt(pool.wal_balance),
        numShares: BigInt(pool.num_shares),
        commissionRate: pool.commission_rate,
        pendingCommissionRate: pendingRows(pool.pending_commission_rate),
        pendingStake: pendingRows(pool.pending_stake),
        pendingSharesWithdraw: pendingRows(pool.pending_shares_withdraw),
        preActiveWithdrawals: pendingRows(pool.pre_active_withdrawals),
        rewardsPool: BigInt(pool.rewards_pool.value),
        commission: BigInt(pool.commission.value),
        storagePriceVote: BigInt(pool.voting_params.storage_price),
        writePriceVote: BigInt(pool.voting_params.write_price),
        nodeCapacityVote: BigInt(pool.voting_params.node_capacity),
      });
    }
  }

  async write(manager: EntityManager): Promise<void> {
    await PoolRepository.writeNodes(manager, [...this.nodes.values()]);
    await NodeIdentityRepository.writeIdentities(
      manager,
      [...this.nodes.values()].map((node) => ({
        nodeId: node.nodeId,
        version: node.version,
        checkpoint: node.checkpoint,
        changedAt: node.updatedAt,
        name: node.name,
        networkAddress: node.networkAddress,
        publicKey: node.publicKey,
        nextEpochPublicKey: node.nextEpochPublicKey,
        networkPublicKey: node.networkPublicKey,
        commissionReceiver: node.commissionReceiver,
        governanceAuthorized: node.governanceAuthorized,
      })),
    );
    await PoolRepository.writePoolStates(manager, [...this.pools.values()]);
  }
}
