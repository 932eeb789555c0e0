import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * A stretch in which a committee member did not serve all of its shards: it was unreachable,
 * behind, recovering or held shards that were not ready. Open (no end) while it lasts.
 */
@Entity({ name: 'node_incident' })
@Index('node_incident_node_time_idx', ['nodeId', 'startedAt'])
@Index('node_incident_open_idx', ['nodeId'], { unique: true, where: 'ended_at IS NULL' })
@Index('node_incident_started_idx', ['startedAt'])
export class NodeIncidentEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** The epoch it started in. */
  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /** Every reason seen during the incident, worst first. */
  @Column({ type: 'text', array: true })
  reasons!: string[];

  /** The most shards it failed to serve at once. */
  @Column({ name: 'shards_affected', type: 'integer' })
  shardsAffected!: number;

  /** The node's pool stake when the incident started, FROST. */
  @Column({ name: 'stake_affected', type: 'numeric', transformer: bigintTransformer })
  stakeAffected!: bigint;

  /** Addresses with stake in the node's pool when the incident started. */
  @Column({ name: 'delegators_affected', type: 'integer' })
  delegatorsAffected!: number;
}
