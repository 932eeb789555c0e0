import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A Walrus Move event, keyed by where it was emitted. */
@Entity({ name: 'walrus_event' })
@Index('walrus_event_type_epoch_idx', ['type', 'epoch'])
@Index('walrus_event_checkpoint_idx', ['checkpoint'])
export class WalrusEventEntity {
  @PrimaryColumn({ name: 'tx_digest', type: 'text' })
  txDigest!: string;

  @PrimaryColumn({ name: 'event_index', type: 'integer' })
  eventIndex!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ type: 'timestamptz' })
  timestamp!: Date;

  /** Struct name within `events`, e.g. `EpochChangeStart`. */
  @Column({ type: 'text' })
  type!: string;

  /** Full Move type, normalised to the original package. */
  @Column({ name: 'move_type', type: 'text' })
  moveType!: string;

  @Column({ type: 'text' })
  sender!: string;

  /** The Walrus epoch the event is about, when it names one. */
  @Column({ type: 'integer', nullable: true })
  epoch!: number | null;

  /** Decoded fields, u64 and wider as strings; null for event types Tusk does not decode. */
  @Column({ type: 'jsonb', nullable: true })
  data!: Record<string, unknown> | null;

  /** The event's BCS, hex; kept so that types decoded later can be re-read without the chain. */
  @Column({ type: 'text' })
  bcs!: string;
}
