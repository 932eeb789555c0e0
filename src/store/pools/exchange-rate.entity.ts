import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A pool's exchange rate recorded for an epoch (`staking_pool.exchange_rates[epoch]`). */
@Entity({ name: 'exchange_rate' })
export class ExchangeRateEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  /** `flat` (one share per FROST) or `variable`. */
  @Column({ type: 'text' })
  kind!: string;

  /** For `variable`: WAL and shares, u128. Null for `flat`. */
  @Column({ name: 'wal_amount', type: 'numeric', nullable: true, transformer: bigintTransformer })
  walAmount!: bigint | null;

  @Column({ name: 'share_amount', type: 'numeric', nullable: true, transformer: bigintTransformer })
  shareAmount!: bigint | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;
}
