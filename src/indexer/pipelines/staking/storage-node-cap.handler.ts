import type { EntityManager } from 'typeorm';
import * as W from 'src/chain/walrus-bcs';
import { keepNewest } from 'src/indexer/pipelines/staking/staking-batch';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import {
  PoolRepository,
  type NodeAttestationRow,
  type StorageNodeCapRow,
} from 'src/store/pools/pool.repository';

/** Storage node caps, and the `epoch_sync_done` attestations their changes record. */
export class StorageNodeCapHandler implements StakingObjectHandler {
  readonly kinds = ['storageNodeCap'] as const;
  private readonly seen: { change: WalrusObjectChange; checkpoint: WalrusCheckpoint }[] = [];
  private readonly caps = new Map<string, StorageNodeCapRow>();
  private readonly attestations = new Map<string, NodeAttestationRow>();

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint): void {
    this.seen.push({ change, checkpoint });
  }

  decode(): void {
    for (const { change, checkpoint } of this.seen) {
      const cap = decodeObject(W.StorageNodeCap, change);
      keepNewest(this.caps, change.objectId, {
        capId: change.objectId,
        nodeId: cap.node_id,
        owner: change.owner ?? '',
        lastEpochSyncDone: cap.last_epoch_sync_done,
        denyListSize: BigInt(cap.deny_list_size),
        denyListSequence: BigInt(cap.deny_list_sequence),
        version: change.version,
        checkpoint: checkpoint.sequence,
        updatedAt: new Date(checkpoint.timestampMs),
      });
      // A mutated cap whose last_epoch_sync_done names an epoch is that node's attestation; the
      // earliest sighting is when it happened. A snapshot only shows where caps stand.
      const key = `${cap.node_id}/${cap.last_epoch_sync_done}`;
      if (
        change.operation === 'mutated' &&
        checkpoint.snapshot !== true &&
        cap.last_epoch_sync_done > 0 &&
        !this.attestations.has(key)
      ) {
        this.attestations.set(key, {
          nodeId: cap.node_id,
          epoch: cap.last_epoch_sync_done,
          checkpoint: checkpoint.sequence,
          attestedAt: new Date(checkpoint.timestampMs),
        });
      }
    }
  }

  async write(manager: EntityManager): Promise<void> {
    await PoolRepository.writeCaps(manager, [...this.caps.values()]);
    await PoolRepository.writeAttestations(manager, [...this.attestations.values()]);
  }
}
