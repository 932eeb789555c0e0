import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One webhook message to send (an alert firing or resolving, to one URL): an outbox, so that a
 * message decided before a crash is still delivered after it, and retried until it lands.
 */
@Entity({ name: 'alert_delivery' })
@Index('alert_delivery_once_idx', ['alertId', 'event', 'url'], { unique: true })
@Index('alert_delivery_due_idx', ['nextAttemptAt'], { where: 'delivered_at IS NULL AND NOT gave_up' })
export class AlertDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'alert_id', type: 'bigint' })
  alertId!: string;

  /** `firing` or `resolved`. */
  @Column({ type: 'text' })
  event!: string;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'gave_up', type: 'boolean', default: false })
  gaveUp!: boolean;
}
