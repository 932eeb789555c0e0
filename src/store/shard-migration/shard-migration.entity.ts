import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * The handoff into one epoch's committee: its plan's totals and where it stands. Created when the
 * indexer has seen the epoch's `EpochChangeStart` and its committee; never deleted.
 */
@Entity({ name: 'shard_migration' })
export class ShardMigrationEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  /** `in_progress` until `EpochChangeDone`, then `done`. */
  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'start_checkpoint', type: 'bigint', transformer: bigintTransformer })
  startCheckpoint!: bigint;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;

  @Column({ name: 'done_checkpoint', type: 'bigint', nullable: true, transformer: bigintTransformer })
  doneCheckpoint!: bigint | null;

  /** When the next epoch change started: the last moment a move of this plan could still land. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'n_shards', type: 'integer' })
  nShards!: number;

  @Column({ name: 'moved_shards', type: 'integer' })
  movedShards!: number;

  @Column({ name: 'shard_size_bytes', type: 'numeric', transformer: bigintTransformer })
  shardSizeBytes!: bigint;

  @Column({ name: 'total_bytes', type: 'numeric', transformer: bigintTransformer })
  totalBytes!: bigint;

  @Column({ name: 'sync_bytes_per_second', type: 'numeric', transformer: bigintTransformer })
  syncBytesPerSecond!: bigint;

  @Column({ type: 'integer' })
  concurrency!: number;

  @Column({ type: 'integer' })
  waves!: number;

  @Column({ name: 'wave_ms', type: 'bigint', transformer: bigintTransformer })
  waveMs!: bigint;

  @Column({ name: 'eta_ms', type: 'bigint', transformer: bigintTransformer })
  etaMs!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
