import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** One active-set entry as it stood when an epoch's committee was selected. */
@Entity({ name: 'committee_selection_member' })
export class CommitteeSelectionMemberEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** Index in `ActiveSet.nodes`: the apportionment's tie-break. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'staked_amount', type: 'numeric', transformer: bigintTransformer })
  stakedAmount!: bigint;
}
