import type { EntityManager } from 'typeorm';
import type { Pipeline, PreparedBatch } from 'src/indexer/pipelines/pipeline';
import { ActiveSetHandler } from 'src/indexer/pipelines/staking/active-set.handler';
import { ExchangeRateHandler } from 'src/indexer/pipelines/staking/exchange-rate.handler';
import { SlashingProposalHandler } from 'src/indexer/pipelines/staking/slashing-proposal.handler';
import { StakingBatch, type StakingPipelineState } from 'src/indexer/pipelines/staking/staking-batch';
import { StakingInnerHandler } from 'src/indexer/pipelines/staking/staking-inner.handler';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import { StakingPoolHandler } from 'src/indexer/pipelines/staking/staking-pool.handler';
import { MigrationEpochHandler } from 'src/indexer/pipelines/staking/migration-epoch.handler';
import { UpgradeProposalHandler } from 'src/indexer/pipelines/staking/upgrade-proposal.handler';
import { NodeMetadataHandler } from 'src/indexer/pipelines/staking/node-metadata.handler';
import { StorageNodeCapHandler } from 'src/indexer/pipelines/staking/storage-node-cap.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { PoolRepository } from 'src/store/pools/pool.repository';

export type { StakingPipelineState } from 'src/indexer/pipelines/staking/staking-batch';

/**
 * Pools and the staking inner object: storage nodes, pool state per epoch, exchange rates, node
 * caps and attestations, the epoch state machine, committees (current, previous and selected
 * next), the active set, and every version of the slashing proposals, one handler per kind of
 * object. Within a transaction the inner object is seen first, so the pools an epoch change
 * advances are filed under the new epoch.
 */
export class StakingPipeline implements Pipeline<StakingPipelineState> {
  readonly name = 'staking' as const;

  async loadState(manager: EntityManager): Promise<StakingPipelineState> {
    const latest = await StakingStateRepository.stakingState(manager);
    return {
      epoch: latest?.epoch ?? null,
      rateTables: await PoolRepository.exchangeRateTables(manager),
      nextSelected:
        latest === undefined ? null : { epoch: latest.epoch, selected: latest.nextCommitteeSelected },
    };
  }

  prepare(
    checkpoints: readonly WalrusCheckpoint[],
    initial: StakingPipelineState,
  ): PreparedBatch<StakingPipelineState> {
    // In the order they decode and write: rates need the batch's pools, selections are written
    // before the batch's active sets (a selection with none in the batch reads the stored one).
    const handlers: StakingObjectHandler[] = [
      new StakingInnerHandler(),
      new ActiveSetHandler(),
      new StakingPoolHandler(),
      new ExchangeRateHandler(),
      new StorageNodeCapHandler(),
      new NodeMetadataHandler(),
      new UpgradeProposalHandler(),
      new MigrationEpochHandler(),
      new SlashingProposalHandler(),
    ];
    const byKind = new Map<WalrusObjectChange['kind'], StakingObjectHandler>(
      handlers.flatMap((handler) => handler.kinds.map((kind) => [kind, handler] as const)),
    );
    const batch = new StakingBatch(initial);
    for (const checkpoint of checkpoints) {
      for (const transaction of checkpoint.transactions) {
        const objects = [...transaction.objects].sort(
          (a, b) => Number(b.kind === 'stakingInner') - Number(a.kind === 'stakingInner'),
        );
        for (const change of objects) {
          const handler = byKind.get(change.kind);
          if (handler === undefined) {
            continue;
          }
          if (change.operation === 'deleted' && handler.includesDeletions !== true) {
            continue;
          }
          handler.see(change, checkpoint, batch);
          batch.changes++;
        }
      }
    }
    for (const handler of handlers) {
      handler.decode(batch);
    }
    return {
      state: batch.state,
      changes: batch.changes,
      write: async (manager) => {
        for (const handler of handlers) {
          await handler.write(manager);
        }
      },
    };
  }
}
