import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * When `voting_end` selected an epoch's committee. With `committee_selection_member` (the active
 * set at that instant) and the then-current committee, it is everything the selection read, so
 * the committee can be recomputed and audited.
 */
@Entity({ name: 'committee_selection' })
export class CommitteeSelectionEntity {
  /** The epoch of the selected committee. */
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'n_shards', type: 'integer' })
  nShards!: number;
}
