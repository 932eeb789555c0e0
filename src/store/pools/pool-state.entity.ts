import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A `PendingValues` map in epoch order, amounts as strings. */
export type PendingValuesRow = { epoch: number; value: string }[];

/**
 * A staking pool as it last stood in a Walrus epoch (the current epoch's row moves with every
 * change). Later object versions of the same epoch overwrite earlier ones, never the reverse.
 * Rows exist only for epochs in which the pool changed (or was snapshotted): its state in epoch E
 * is its latest row with `epoch <= E`.
 */
@Entity({ name: 'pool_state' })
@Index('pool_state_epoch_idx', ['epoch'])
export class PoolStateEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** `active`, `withdrawing` or `withdrawn`. */
  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'withdrawing_epoch', type: 'integer', nullable: true })
  withdrawingEpoch!: number | null;

  @Column({ name: 'activation_epoch', type: 'integer' })
  activationEpoch!: number;

  @Column({ name: 'latest_epoch', type: 'integer' })
  latestEpoch!: number;

  @Column({ name: 'wal_balance', type: 'numeric', transformer: bigintTransformer })
  walBalance!: bigint;

  @Column({ name: 'num_shares', type: 'numeric', transformer: bigintTransformer })
  numShares!: bigint;

  /** Basis points. */
  @Column({ name: 'commission_rate', type: 'integer' })
  commissionRate!: number;

  @Column({ name: 'pending_commission_rate', type: 'jsonb' })
  pendingCommissionRate!: PendingValuesRow;

  @Column({ name: 'pending_stake', type: 'jsonb' })
  pendingStake!: PendingValuesRow;

  @Column({ name: 'pending_shares_withdraw', type: 'jsonb' })
  pendingSharesWithdraw!: PendingValuesRow;

  @Column({ name: 'pre_active_withdrawals', type: 'jsonb' })
  preActiveWithdrawals!: PendingValuesRow;

  @Column({ name: 'rewards_pool', type: 'numeric', transformer: bigintTransformer })
  rewardsPool!: bigint;

  /** Commission accrued and not yet collected. */
  @Column({ type: 'numeric', transformer: bigintTransformer })
  commission!: bigint;

  @Column({ name: 'storage_price_vote', type: 'numeric', transformer: bigintTransformer })
  storagePriceVote!: bigint;

  @Column({ name: 'write_price_vote', type: 'numeric', transformer: bigintTransformer })
  writePriceVote!: bigint;

  @Column({ name: 'node_capacity_vote', type: 'numeric', transformer: bigintTransformer })
  nodeCapacityVote!: bigint;
}
