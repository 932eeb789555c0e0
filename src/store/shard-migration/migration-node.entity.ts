import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** One node's part in an epoch's handoff: what it gains, loses and keeps, and its attestation. */
@Entity({ name: 'migration_node' })
export class MigrationNodeEntity {
  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  /** `joining`, `continuing` or `leaving` the committee. */
  @Column({ type: 'text' })
  membership!: string;

  /** Shards held in the new committee: the node's weight in the sync quorum. */
  @Column({ type: 'integer' })
  weight!: number;

  @Column({ type: 'integer' })
  gained!: number;

  @Column({ type: 'integer' })
  lost!: number;

  @Column({ type: 'integer' })
  kept!: number;

  @Column({ name: 'receive_bytes', type: 'numeric', transformer: bigintTransformer })
  receiveBytes!: bigint;

  @Column({ name: 'send_bytes', type: 'numeric', transformer: bigintTransformer })
  sendBytes!: bigint;

  /** When the node should attest, ms after the epoch change started. */
  @Column({ name: 'due_ms', type: 'bigint', transformer: bigintTransformer })
  dueMs!: bigint;

  /** When its `epoch_sync_done` (`ShardsReceived`) was seen on chain. */
  @Column({ name: 'attested_at', type: 'timestamptz', nullable: true })
  attestedAt!: Date | null;

  @Column({ name: 'attested_checkpoint', type: 'bigint', nullable: true, transformer: bigintTransformer })
  attestedCheckpoint!: bigint | null;

  /** True when it attested after the epoch change was already done. */
  @Column({ name: 'attested_late', type: 'boolean', nullable: true })
  attestedLate!: boolean | null;
}
