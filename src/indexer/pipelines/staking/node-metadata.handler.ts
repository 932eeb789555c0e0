import type { EntityManager } from 'typeorm';
import * as W from 'src/chain/walrus-bcs';
import { keepNewest } from 'src/indexer/pipelines/staking/staking-batch';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import {
  NodeIdentityRepository,
  type NodeMetadataRow,
} from 'src/store/node-identity/node-identity.repository';

/**
 * Node metadata: the value of each node's metadata `ExtendedField`, filed under that field's UID
 * (the field object's owner), so it needs no pool in the same batch to find its node.
 */
export class NodeMetadataHandler implements StakingObjectHandler {
  readonly kinds = ['nodeMetadata'] as const;
  private readonly seen: { change: WalrusObjectChange; checkpoint: WalrusCheckpoint }[] = [];
  private readonly rows = new Map<string, NodeMetadataRow>();

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint): void {
    this.seen.push({ change, checkpoint });
  }

  decode(): void {
    for (const { change, checkpoint } of this.seen) {
      if (change.owner === null) {
        continue;
      }
      const metadata = decodeObject(W.NodeMetadataField, change).value;
      keepNewest(this.rows, change.owner, {
        metadataId: change.owner,
        imageUrl: metadata.image_url,
        projectUrl: metadata.project_url,
        description: metadata.description,
        extraFields: metadata.extra_fields.contents.map((entry) => ({ key: entry.key, value: entry.value })),
        version: change.version,
        checkpoint: checkpoint.sequence,
        updatedAt: new Date(checkpoint.timestampMs),
      });
    }
  }

  async write(manager: EntityManager): Promise<void> {
    await NodeIdentityRepository.writeMetadata(manager, [...this.rows.values()]);
  }
}
