import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A StakedWal position as it stands now (or stood before it was withdrawn or joined). */
@Entity({ name: 'staked_wal' })
@Index('staked_wal_owner_idx', ['owner'])
@Index('staked_wal_node_idx', ['nodeId'])
export class StakedWalEntity {
  @PrimaryColumn({ name: 'object_id', type: 'text' })
  objectId!: string;

  @Column({ type: 'text' })
  owner!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'numeric', transformer: bigintTransformer })
  principal!: bigint;

  /** `staked` or `withdrawing`. */
  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'withdraw_epoch', type: 'integer', nullable: true })
  withdrawEpoch!: number | null;

  @Column({ name: 'activation_epoch', type: 'integer' })
  activationEpoch!: number;

  /** Latest version seen, the deletion's included. */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  /** Null when the position already existed before the first indexed checkpoint. */
  @Column({ name: 'created_checkpoint', type: 'bigint', nullable: true, transformer: bigintTransformer })
  createdCheckpoint!: bigint | null;

  @Column({ name: 'updated_checkpoint', type: 'bigint', transformer: bigintTransformer })
  updatedCheckpoint!: bigint;

  /** Set once the object is deleted: withdrawn, or joined into another position. */
  @Column({ name: 'deleted_checkpoint', type: 'bigint', nullable: true, transformer: bigintTransformer })
  deletedCheckpoint!: bigint | null;
}
