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

  /** Polls in which every owned shard was ready. */
  @Column({ name: 'all_ready_polls', type: 'integer' })
  allReadyPolls!: number;
}
