import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A Walrus epoch's life cycle, from its events: each moment is recorded the first time it is seen. */
@Entity({ name: 'epoch' })
export class EpochEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  /** `EpochChangeStart`: the committee of this epoch took over and shard handoffs began. */
  @Column({ name: 'started_checkpoint', type: 'bigint', nullable: true, transformer: bigintTransformer })
  startedCheckpoint!: bigint | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  /** `EpochParametersSelected` in the previous epoch: this epoch's committee was chosen. */
  @Column({
    name: 'committee_selected_checkpoint',
    type: 'bigint',
    nullable: true,
    transformer: bigintTransformer,
  })
  committeeSelectedCheckpoint!: bigint | null;

  @Column({ name: 'committee_selected_at', type: 'timestamptz', nullable: true })
  committeeSelectedAt!: Date | null;

  /** `EpochChangeDone`: a quorum of shards attested their handoff. */
  @Column({ name: 'done_checkpoint', type: 'bigint', nullable: true, transformer: bigintTransformer })
  doneCheckpoint!: bigint | null;

  @Column({ name: 'done_at', type: 'timestamptz', nullable: true })
  doneAt!: Date | null;
}
