import type { EntityManager } from 'typeorm';
import { bcs } from '@mysten/sui/bcs';
import { DynamicField } from 'src/chain/walrus-bcs';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import type { MigrationEpochVersionEntity } from 'src/store/staking-state/migration-epoch-version.entity';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';

const MigrationEpochField = DynamicField(bcs.vector(bcs.u8()), bcs.u32());

/** `staking::set_migration_epoch`: the epoch from which an upgrade's migration may run. */
export class MigrationEpochHandler implements StakingObjectHandler {
  readonly kinds = ['migrationEpoch'] as const;
  /** Its removal (by the migration) clears it. */
  readonly includesDeletions = true;
  private readonly versions: MigrationEpochVersionEntity[] = [];

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint): void {
    this.versions.push({
      version: change.version,
      migrationEpoch: change.operation === 'deleted' ? null : decodeObject(MigrationEpochField, change).value,
      checkpoint: checkpoint.sequence,
    });
  }

  decode(): void {
    // Decoded as seen.
  }

  async write(manager: EntityManager): Promise<void> {
    await StakingStateRepository.writeMigrationEpochs(manager, this.versions);
  }
}
