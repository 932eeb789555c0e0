import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** One reporter's published verdict on one epoch (its `ReportPublished` event): immutable. */
@Entity({ name: 'epoch_report' })
@Index('epoch_report_epoch', ['epoch'])
export class EpochReportEntity {
  @PrimaryColumn({ name: 'reporter_id', type: 'text' })
  reporterId!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @Column({ name: 'reporter_address', type: 'text' })
  reporterAddress!: string;

  /** 0x-prefixed hex of the 32-byte digest. */
  @Column({ name: 'committee_digest', type: 'text' })
  committeeDigest!: string;

  @Column({ name: 'audit_matches', type: 'boolean' })
  auditMatches!: boolean;

  @Column({ name: 'moved_shards', type: 'integer' })
  movedShards!: number;

  @Column({ name: 'attested_weight', type: 'integer' })
  attestedWeight!: number;

  @Column({ name: 'quorum_ms', type: 'numeric', nullable: true, transformer: bigintTransformer })
  quorumMs!: bigint | null;

  @Column({ name: 'late_attesters', type: 'text', array: true })
  lateAttesters!: string[];

  @Column({ name: 'premature_attesters', type: 'text', array: true })
  prematureAttesters!: string[];

  @Column({ name: 'rewards_digest', type: 'text' })
  rewardsDigest!: string;

  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;

  @Column({ name: 'tx_digest', type: 'text' })
  txDigest!: string;

  @Column({ type: 'numeric', transformer: bigintTransformer })
  checkpoint!: bigint;
}
