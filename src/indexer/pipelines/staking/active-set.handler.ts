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
import { decodeObject } from 'src/indexer/walrus-decoders';
import { StakingStateRepository, type ActiveSetRow } from 'src/store/staking-state/staking-state.repository';

/** The active set: the newest version in each epoch, with its members in order. */
export class ActiveSetHandler implements StakingObjectHandler {
  readonly kinds = ['activeSet'] as const;
  private readonly newest = new Map<number, Sighting>();
  private readonly rows = new Map<number, ActiveSetRow>();

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint, batch: StakingBatch): void {
    const sighting = { change, checkpoint, epoch: batch.requireEpoch(change) };
    batch.lastActiveSet = sighting;
    keepNewestSighting(this.newest, sighting.epoch, sighting);
  }

  decode(): void {
    for (const sighting of this.newest.values()) {
      const activeSet = decodeObject(W.ActiveSetField, sighting.change).value;
      keepNewest(this.rows, sighting.epoch, {
        epoch: sighting.epoch,
        maxSize: activeSet.max_size,
        thresholdStake: BigInt(activeSet.threshold_stake),
        totalStake: BigInt(activeSet.total_stake),
        version: sighting.change.version,
        ...timing(sighting),
        members: activeSet.nodes.map((node) => ({
          nodeId: node.node_id,
          stakedAmount: BigInt(node.staked_amount),
        })),
      });
    }
  }

  async write(manager: EntityManager): Promise<void> {
    await StakingStateRepository.writeActiveSets(manager, [...this.rows.values()]);
  }
}
