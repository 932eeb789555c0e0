import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** One member of an epoch's committee, with its shards in the order the contract stores them. */
@Entity({ name: 'committee_member' })
export class CommitteeMemberEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** Index of the member in the committee's `VecMap` (node-ID order). */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'smallint', array: true })
  shards!: number[];

  @Column({ name: 'shard_count', type: 'integer' })
  shardCount!: number;

  /** The checkpoint that first showed this committee (its selection at `voting_end`, if indexed). */
  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;
}
