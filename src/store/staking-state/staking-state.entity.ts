import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * The staking inner object as it last stood in an epoch: the epoch state machine and the
 * parameters chosen for the next epoch. Committees are stored apart, in `committee_member`.
 */
@Entity({ name: 'staking_state' })
export class StakingStateEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'n_shards', type: 'integer' })
  nShards!: number;

  /**
   * The Staking interface version: the key of the inner object's field (3 as deployed on mainnet
   * and testnet). It decides contract rules that changed between versions, such as which
   * scheduled commission rate `advance_epoch` applies. Null in rows indexed before it was kept.
   */
  @Column({ name: 'interface_version', type: 'integer', nullable: true })
  interfaceVersion!: number | null;

  @Column({ name: 'epoch_duration_ms', type: 'bigint', transformer: bigintTransformer })
  epochDurationMs!: bigint;

  @Column({ name: 'first_epoch_start_ms', type: 'bigint', transformer: bigintTransformer })
  firstEpochStartMs!: bigint;

  /** `EpochChangeSync`, `EpochChangeDone` or `NextParamsSelected`. */
  @Column({ name: 'epoch_state', type: 'text' })
  epochState!: string;

  /** During `EpochChangeSync`: the shard weight that has attested so far. */
  @Column({ name: 'sync_weight', type: 'integer', nullable: true })
  syncWeight!: number | null;

  /** `EpochChangeDone` / `NextParamsSelected`: when that state was entered, ms. */
  @Column({ name: 'state_timestamp_ms', type: 'bigint', nullable: true, transformer: bigintTransformer })
  stateTimestampMs!: bigint | null;

  /** `next_epoch_params`, once `voting_end` selected them. */
  @Column({
    name: 'next_total_capacity_size',
    type: 'numeric',
    nullable: true,
    transformer: bigintTransformer,
  })
  nextTotalCapacitySize!: bigint | null;

  @Column({ name: 'next_storage_price', type: 'numeric', nullable: true, transformer: bigintTransformer })
  nextStoragePrice!: bigint | null;

  @Column({ name: 'next_write_price', type: 'numeric', nullable: true, transformer: bigintTransformer })
  nextWritePrice!: bigint | null;

  /** Whether `next_committee` was set in this version. */
  @Column({ name: 'next_committee_selected', type: 'boolean' })
  nextCommitteeSelected!: boolean;
}
