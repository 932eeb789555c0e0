import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Every state a move entered, once: the unique index makes a replayed observation (after a
 * restart, or from two sources) a no-op instead of a duplicate.
 */
@Entity({ name: 'shard_move_transition' })
@Index('shard_move_transition_once_idx', ['epoch', 'shard', 'toState'], { unique: true })
export class ShardMoveTransitionEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'smallint' })
  shard!: number;

  @Column({ name: 'from_state', type: 'text' })
  fromState!: string;

  @Column({ name: 'to_state', type: 'text' })
  toState!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** What caused it: `health` (the destination's health API), `attested`, `deadline`, `epoch_ended`. */
  @Column({ type: 'text' })
  cause!: string;
}
