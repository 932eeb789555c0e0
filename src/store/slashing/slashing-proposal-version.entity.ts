import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * One version of an entry of the `SlashingManager`'s `slashing_candidates` table: every vote,
 * every refresh in a new epoch, and the removal (by execution or cleanup). The contract emits no
 * events for slashing, so this history is the only record of a proposal once it is gone.
 */
@Entity({ name: 'slashing_proposal_version' })
@Index('slashing_proposal_version_candidate_idx', ['candidateNodeId', 'proposalEpoch'])
export class SlashingProposalVersionEntity {
  /** The dynamic field object: one per candidate, re-created after a removal. */
  @PrimaryColumn({ name: 'field_id', type: 'text' })
  fieldId!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  /** `created`, `mutated` or `deleted`. */
  @Column({ type: 'text' })
  operation!: string;

  /**
   * The Walrus epoch this version was written in (read in, for a snapshot). A removal in the
   * proposal's own epoch is its execution; a later one, its cleanup.
   */
  @Column({ name: 'staking_epoch', type: 'integer' })
  stakingEpoch!: number;

  /** The fields below are null for a removal: a deleted object has no contents. */
  @Column({ name: 'candidate_node_id', type: 'text', nullable: true })
  candidateNodeId!: string | null;

  @Column({ name: 'proposal_epoch', type: 'integer', nullable: true })
  proposalEpoch!: number | null;

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
