import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Shard counts of a health report, by status label. */
export interface ShardStatusCounts {
  unknown: number;
  ready: number;
  inTransfer: number;
  inRecovery: number;
  readOnly: number;
}

/**
 * The latest health poll of a storage node's `GET /v1/health?detailed=true`, and the poller's
 * circuit breaker for it. A node that could not be reached keeps its last good report, flagged.
 */
@Entity({ name: 'node_health' })
export class NodeHealthEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'checked_at', type: 'timestamptz' })
  checkedAt!: Date;

  @Column({ type: 'boolean' })
  reachable!: boolean;

  /** Why the last poll failed (timeout, refused, HTTP status, malformed body). */
  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'last_ok_at', type: 'timestamptz', nullable: true })
  lastOkAt!: Date | null;

  /** The epoch the node reported in its last good answer. */
  @Column({ type: 'integer', nullable: true })
  epoch!: number | null;

  @Column({ name: 'node_status', type: 'text', nullable: true })
  nodeStatus!: string | null;

  @Column({ name: 'shard_counts', type: 'jsonb', nullable: true })
  shardCounts!: ShardStatusCounts | null;

  /** Every owned shard with its status, as `[shard, status]`; null when the node gave no detail. */
  @Column({ name: 'shard_statuses', type: 'jsonb', nullable: true })
  shardStatuses!: [number, string][] | null;

  @Column({ name: 'owned_shards', type: 'integer', nullable: true })
  ownedShards!: number | null;

  @Column({ name: 'consecutive_failures', type: 'integer' })
  consecutiveFailures!: number;

  /** `closed` (polled normally), `open` (skipped until `next_poll_at`), `half_open` (one probe). */
  @Column({ type: 'text' })
  circuit!: string;

  @Column({ name: 'next_poll_at', type: 'timestamptz' })
  nextPollAt!: Date;
}
