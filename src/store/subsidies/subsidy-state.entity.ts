import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * Each version of the `walrus_subsidies` state object: its parameters, what it holds, and the
 * usage subsidies the run that wrote it added to each reward bucket. Versions change only when
 * subsidies are processed (around each epoch change), funded or re-parameterised, so a row per
 * version stays small.
 */
@Entity({ name: 'subsidy_state' })
export class SubsidyStateEntity {
  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  /** Basis points of new storage payments added to the reward buckets. */
  @Column({ name: 'system_subsidy_rate', type: 'integer' })
  systemSubsidyRate!: number;

  @Column({ name: 'base_subsidy', type: 'numeric', transformer: bigintTransformer })
  baseSubsidy!: bigint;

  @Column({ name: 'subsidy_per_shard', type: 'numeric', transformer: bigintTransformer })
  subsidyPerShard!: bigint;

  @Column({ name: 'pool_balance', type: 'numeric', transformer: bigintTransformer })
  poolBalance!: bigint;

  /** The last epoch whose committee was paid the fixed-rate subsidy. */
  @Column({ name: 'latest_paid_epoch', type: 'integer' })
  latestPaidEpoch!: number;

  @Column({ name: 'last_subsidized_ms', type: 'bigint', transformer: bigintTransformer })
  lastSubsidizedMs!: bigint;

  /** Bucket epoch → its balance as last subsidised (FROST, as strings). */
  @Column({ type: 'jsonb' })
  buckets!: Record<string, string>;

  /** Bucket epoch → the usage subsidy this version's run added to it (FROST, as strings). */
  @Column({ name: 'usage_subsidies', type: 'jsonb' })
  usageSubsidies!: Record<string, string>;

  /**
   * True for the first version seen (created, or read at the snapshot): nothing in it is counted
   * as paid, since what came before it was not observed.
   */
  @Column({ type: 'boolean' })
  baseline!: boolean;
}
