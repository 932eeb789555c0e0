import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The audit of a node's `epoch_sync_done` against its health: whether its gained shards were all
 * ready when it attested (`ok`), were not (`premature`), or it never answered a poll during the
 * handoff (`unobserved`).
 */
@Entity({ name: 'attestation_audit' })
export class AttestationAuditEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ name: 'attested_at', type: 'timestamptz' })
  attestedAt!: Date;

  @Column({ type: 'text' })
  verdict!: string;

  /** The poll the verdict rests on; null when unobserved. */
  @Column({ name: 'evidence_at', type: 'timestamptz', nullable: true })
  evidenceAt!: Date | null;

  /** Shards the node gained in the epoch change. */
  @Column({ type: 'integer' })
  gained!: number;

  /** Owned shards not ready in the evidence poll. */
  @Column({ name: 'not_ready_shards', type: 'integer', nullable: true })
  notReadyShards!: number | null;

  @Column({ name: 'node_status', type: 'text', nullable: true })
  nodeStatus!: string | null;
}
