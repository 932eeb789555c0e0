import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * How far one pipeline has indexed. It moves in the same transaction as the rows its checkpoints
 * produced, so after any crash the rows and the watermark agree.
 */
@Entity({ name: 'pipeline_watermark' })
export class PipelineWatermarkEntity {
  @PrimaryColumn({ type: 'text' })
  pipeline!: string;

  /** Last checkpoint fully written; -1 before the first. */
  @Column({ name: 'checkpoint_hi_inclusive', type: 'bigint', transformer: bigintTransformer })
  checkpointHiInclusive!: bigint;

  /** Timestamp of that checkpoint, ms since the Unix epoch. */
  @Column({
    name: 'timestamp_ms_hi_inclusive',
    type: 'bigint',
    nullable: true,
    transformer: bigintTransformer,
  })
  timestampMsHiInclusive!: bigint | null;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;

  /** Why the pipeline stopped, when a checkpoint could not be indexed. */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'error_checkpoint', type: 'bigint', nullable: true, transformer: bigintTransformer })
  errorCheckpoint!: bigint | null;
}
