import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

export interface FutureAccountingRow {
  readonly epoch: number;
  readonly usedCapacity: string;
  readonly rewardsToDistribute: string;
}

/**
 * The `System` object's inner state as it last stood in an epoch: capacity, prices, the prepaid
 * future accounting and the deny-list sizes. Later versions overwrite earlier ones of that epoch.
 */
@Entity({ name: 'system_state' })
export class SystemStateEntity {
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

  @Column({ name: 'total_capacity_size', type: 'numeric', transformer: bigintTransformer })
  totalCapacitySize!: bigint;

  @Column({ name: 'used_capacity_size', type: 'numeric', transformer: bigintTransformer })
  usedCapacitySize!: bigint;

  @Column({ name: 'storage_price_per_unit_size', type: 'numeric', transformer: bigintTransformer })
  storagePricePerUnitSize!: bigint;

  @Column({ name: 'write_price_per_unit_size', type: 'numeric', transformer: bigintTransformer })
  writePricePerUnitSize!: bigint;

  /** The ring buffer of prepaid epochs, in epoch order, amounts as strings. */
  @Column({ name: 'future_accounting', type: 'jsonb' })
  futureAccounting!: FutureAccountingRow[];

  /** Node ID → deny-list size; the version of the deny-list field that set it. */
  @Column({ name: 'deny_list_sizes', type: 'jsonb', default: () => "'{}'::jsonb" })
  denyListSizes!: Record<string, string>;

  @Column({ name: 'deny_list_version', type: 'bigint', nullable: true, transformer: bigintTransformer })
  denyListVersion!: bigint | null;
}
