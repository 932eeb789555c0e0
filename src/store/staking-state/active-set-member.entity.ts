import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A node in the active set at the end of an epoch, at its position in the contract's vector. */
@Entity({ name: 'active_set_member' })
export class ActiveSetMemberEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** Index in `ActiveSet.nodes`: the tie-break of the apportionment. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'staked_amount', type: 'numeric', transformer: bigintTransformer })
  stakedAmount!: bigint;
}
