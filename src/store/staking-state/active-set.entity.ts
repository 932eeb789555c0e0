import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** The active set's header as it last stood in an epoch; its members are `active_set_member`. */
@Entity({ name: 'active_set' })
export class ActiveSetEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @Column({ name: 'max_size', type: 'integer' })
  maxSize!: number;

  @Column({ name: 'threshold_stake', type: 'numeric', transformer: bigintTransformer })
  thresholdStake!: bigint;

  @Column({ name: 'total_stake', type: 'numeric', transformer: bigintTransformer })
  totalStake!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
