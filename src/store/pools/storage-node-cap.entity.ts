import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A node operator's `StorageNodeCap`: its last attested epoch and deny-list record. */
@Entity({ name: 'storage_node_cap' })
@Index('storage_node_cap_node_idx', ['nodeId'])
export class StorageNodeCapEntity {
  @PrimaryColumn({ name: 'cap_id', type: 'text' })
  capId!: string;

  @Column({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  owner!: string;

  @Column({ name: 'last_epoch_sync_done', type: 'integer' })
  lastEpochSyncDone!: number;

  @Column({ name: 'deny_list_size', type: 'numeric', transformer: bigintTransformer })
  denyListSize!: bigint;

  @Column({ name: 'deny_list_sequence', type: 'numeric', transformer: bigintTransformer })
  denyListSequence!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
