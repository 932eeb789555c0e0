import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The network's availability verdict as it changed: one row per stretch with the same epoch and
 * available shards. The open stretch has no end; only the tracker, under its lock, writes here.
 */
@Entity({ name: 'availability_interval' })
@Index('availability_interval_started_idx', ['startedAt'])
export class AvailabilityIntervalEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ name: 'n_shards', type: 'integer' })
  nShards!: number;

  @Column({ name: 'shards_available', type: 'integer' })
  shardsAvailable!: number;

  @Column({ name: 'read_threshold', type: 'integer' })
  readThreshold!: number;

  @Column({ name: 'write_threshold', type: 'integer' })
  writeThreshold!: number;

  @Column({ name: 'can_read', type: 'boolean' })
  canRead!: boolean;

  @Column({ name: 'can_write', type: 'boolean' })
  canWrite!: boolean;

  /** How many more nodes, largest serving first, going down would stop writes (0: they fail). */
  @Column({ name: 'writes_fail_after_nodes', type: 'integer', nullable: true })
  writesFailAfterNodes!: number | null;

  @Column({ name: 'reads_fail_after_nodes', type: 'integer', nullable: true })
  readsFailAfterNodes!: number | null;

  /** The members missing shards then: `[{ nodeId, shards, available, reason }]`. */
  @Column({ type: 'jsonb' })
  missing!: { nodeId: string; shards: number; available: number; reason: string }[];
}
