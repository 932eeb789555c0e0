import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * One version of an entry of the `UpgradeManager`'s `upgrade_proposals` table: every vote, every
 * refresh in a new epoch, and the removal (when the upgrade is authorised, or by cleanup). The
 * `ContractUpgradeQuorumReached` event repeats on every vote past the quorum, so the votes are
 * counted from these versions, not from events.
 */
@Entity({ name: 'upgrade_proposal_version' })
@Index('upgrade_proposal_version_digest_idx', ['digest', 'proposalEpoch'])
export class UpgradeProposalVersionEntity {
  /** The dynamic field object: one per digest, re-created after a removal. */
  @PrimaryColumn({ name: 'field_id', type: 'text' })
  fieldId!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  /** `created`, `mutated` or `deleted`. */
  @Column({ type: 'text' })
  operation!: string;

  /** The Walrus epoch this version was written in. */
  @Column({ name: 'staking_epoch', type: 'integer' })
  stakingEpoch!: number;

  /** The proposed package's digest, hex; null for a removal. */
  @Column({ type: 'text', nullable: true })
  digest!: string | null;

  @Column({ name: 'proposal_epoch', type: 'integer', nullable: true })
  proposalEpoch!: number | null;

  /** The package version the upgrade would create. */
  @Column({ name: 'package_version', type: 'bigint', nullable: true, transformer: bigintTransformer })
  packageVersion!: bigint | null;

  /** Shards of the voters in the committee of `proposal_epoch`. */
  @Column({ name: 'voting_weight', type: 'integer', nullable: true })
  votingWeight!: number | null;

  /** Node IDs in the order they voted. */
  @Column({ type: 'text', array: true, nullable: true })
  voters!: string[] | null;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'tx_digest', type: 'text' })
  txDigest!: string;

  @Column({ type: 'timestamptz' })
  timestamp!: Date;
}
