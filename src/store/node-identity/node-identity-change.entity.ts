import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * A node's identity as it changed: name, network address, keys, and who may collect its
 * commission or vote for it. A row is kept only when one of them differs from the row before, so
 * the pool rewrites that every stake causes leave nothing here.
 */
@Entity({ name: 'node_identity_change' })
export class NodeIdentityChangeEntity {
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @PrimaryColumn({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt!: Date;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'network_address', type: 'text' })
  networkAddress!: string;

  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  @Column({ name: 'next_epoch_public_key', type: 'text', nullable: true })
  nextEpochPublicKey!: string | null;

  @Column({ name: 'network_public_key', type: 'text' })
  networkPublicKey!: string;

  @Column({ name: 'commission_receiver', type: 'text' })
  commissionReceiver!: string;

  @Column({ name: 'governance_authorized', type: 'text' })
  governanceAuthorized!: string;
}
