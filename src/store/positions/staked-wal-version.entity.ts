import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** One version of a StakedWal object: its full history, creation to deletion. */
@Entity({ name: 'staked_wal_version' })
@Index('staked_wal_version_checkpoint_idx', ['checkpoint'])
export class StakedWalVersionEntity {
  @PrimaryColumn({ name: 'object_id', type: 'text' })
  objectId!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'tx_digest', type: 'text' })
  txDigest!: string;

  @Column({ type: 'timestamptz' })
  timestamp!: Date;

  /** `created`, `mutated` or `deleted`. */
  @Column({ type: 'text' })
  operation!: string;

  /** The fields below are null for a deletion: a deleted object has no contents. */
  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  @Column({ name: 'node_id', type: 'text', nullable: true })
  nodeId!: string | null;

  @Column({ type: 'numeric', nullable: true, transformer: bigintTransformer })
  principal!: bigint | null;

  @Column({ type: 'text', nullable: true })
  state!: string | null;

  @Column({ name: 'withdraw_epoch', type: 'integer', nullable: true })
  withdrawEpoch!: number | null;

  @Column({ name: 'activation_epoch', type: 'integer', nullable: true })
  activationEpoch!: number | null;
}
