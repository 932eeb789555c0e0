import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * Each version of the `migration_epoch` field `staking::set_migration_epoch` puts on the `Staking`
 * object (from that epoch an upgrade's migration may run), and its removal by the migration.
 */
@Entity({ name: 'migration_epoch_version' })
export class MigrationEpochVersionEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  /** Null for the removal. */
  @Column({ name: 'migration_epoch', type: 'integer', nullable: true })
  migrationEpoch!: number | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;
}
