import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** One shard changing hands at an epoch change, and the state of its move. */
@Entity({ name: 'shard_move' })
@Index('shard_move_destination_idx', ['epoch', 'toNode'])
@Index('shard_move_source_idx', ['epoch', 'fromNode'])
export class ShardMoveEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @PrimaryColumn({ type: 'smallint' })
  shard!: number;

  /** Null for a first committee: nothing to transfer. */
  @Column({ name: 'from_node', type: 'text', nullable: true })
  fromNode!: string | null;

  @Column({ name: 'to_node', type: 'text' })
  toNode!: string;

  @Column({ type: 'integer' })
  wave!: number;

  @Column({ name: 'size_bytes', type: 'numeric', transformer: bigintTransformer })
  sizeBytes!: bigint;

  /** When the move should be done, ms after the epoch change started. */
  @Column({ name: 'due_ms', type: 'bigint', transformer: bigintTransformer })
  dueMs!: bigint;

  /** `planned`, `transferring`, `recovering`, `received` or `failed`. */
  @Column({ type: 'text' })
  state!: string;

  /** When the move entered its state: its last progress. */
  @Column({ name: 'state_since', type: 'timestamptz' })
  stateSince!: Date;

  /** True when Tusk, not the node, moved it to recovering after the recovery deadline. */
  @Column({ type: 'boolean', default: false })
  escalated!: boolean;
}
