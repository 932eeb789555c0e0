import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * A node's `epoch_sync_done` for an epoch, seen as its cap's `last_epoch_sync_done` moving to that
 * epoch: when the node attested that it received its shards.
 */
@Entity({ name: 'node_attestation' })
export class NodeAttestationEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @PrimaryColumn({ type: 'integer' })
  epoch!: number;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'attested_at', type: 'timestamptz' })
  attestedAt!: Date;
}
