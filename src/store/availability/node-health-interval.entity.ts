import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A node's health history as state changes: one row per stretch of polls that found it the same
 * (reachability, epoch, status, shard counts, and what that means for its committee shards), so a
 * month of polls every 30 s costs rows per change, not per poll. The open stretch has no end.
 */
@Entity({ name: 'node_health_interval' })
@Index('node_health_interval_node_time_idx', ['nodeId', 'startedAt'])
@Index('node_health_interval_open_idx', ['nodeId'], { unique: true, where: 'ended_at IS NULL' })
@Index('node_health_interval_started_idx', ['startedAt'])
export class NodeHealthIntervalEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** The first poll that found this state. */
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  /** The latest poll that found it. */
  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  /** The first poll that found another state; null while this one lasts. */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** Whether the node answered within the freshness window. */
  @Column({ type: 'boolean' })
  reachable!: boolean;

  /** The current epoch as Tusk knew it then. */
  @Column({ name: 'chain_epoch', type: 'integer' })
  chainEpoch!: number;

  /** The epoch the node reported; null when it never answered. */
  @Column({ type: 'integer', nullable: true })
  epoch!: number | null;

  @Column({ name: 'node_status', type: 'text', nullable: true })
  nodeStatus!: string | null;

  @Column({ type: 'integer', nullable: true })
  owned!: number | null;

  @Column({ type: 'integer', nullable: true })
  ready!: number | null;

  @Column({ name: 'in_transfer', type: 'integer', nullable: true })
  inTransfer!: number | null;

  @Column({ name: 'in_recovery', type: 'integer', nullable: true })
  inRecovery!: number | null;

  @Column({ name: 'read_only', type: 'integer', nullable: true })
  readOnly!: number | null;

  /** Shards the current committee assigns to the node (0 outside it). */
  @Column({ name: 'assigned_shards', type: 'integer' })
  assignedShards!: number;

  /** Of those, the shards it serves (see `availability.ts`). */
  @Column({ name: 'available_shards', type: 'integer' })
  availableShards!: number;

  /** Why some assigned shards are not served: unreachable, behind, recovering or not_ready. */
  @Column({ type: 'text', nullable: true })
  reason!: string | null;
}
