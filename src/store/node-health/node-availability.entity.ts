import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Health polls of a node during one epoch: how often it answered, and how often it was Active. */
@Entity({ name: 'node_availability' })
export class NodeAvailabilityEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'integer' })
  polls!: number;

  @Column({ name: 'reachable_polls', type: 'integer' })
  reachablePolls!: number;

  @Column({ name: 'active_polls', type: 'integer' })
  activePolls!: number;

  /** Sum over answered polls of ready shards / owned shards (1 when it owned none). */
  @Column({ name: 'ready_share_sum', type: 'double precision' })
  readyShareSum!: number;
}
