import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A condition Tusk raised about a handoff, open until it clears. At most one alert of a kind is
 * open per epoch and subject (a node ID, or `network`).
 */
@Entity({ name: 'alert' })
@Index('alert_open_once_idx', ['kind', 'epoch', 'subject'], { unique: true, where: 'resolved_at IS NULL' })
@Index('alert_epoch_idx', ['epoch'])
export class AlertEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** `handoff_stalled`, `attestation_overdue`, `node_unreachable` or `quorum_at_risk`. */
  @Column({ type: 'text' })
  kind!: string;

  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text' })
  summary!: string;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  /** The last time the condition was found; it resolves once absent for the hold time. */
  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolution', type: 'text', nullable: true })
  resolution!: string | null;
}
