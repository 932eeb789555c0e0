import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A registered storage node: the identity part of its staking pool, as it currently stands. */
@Entity({ name: 'storage_node' })
export class StorageNodeEntity {
  /** The node ID, which is also the ID of its `StakingPool` object. */
  @PrimaryColumn({ name: 'node_id', type: 'text' })
  nodeId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'network_address', type: 'text' })
  networkAddress!: string;

  /** BLS public key (G1 element bytes), hex. */
  @Column({ name: 'public_key', type: 'text' })
  publicKey!: string;

  @Column({ name: 'next_epoch_public_key', type: 'text', nullable: true })
  nextEpochPublicKey!: string | null;

  @Column({ name: 'network_public_key', type: 'text' })
  networkPublicKey!: string;

  /** UID of the node's metadata `ExtendedField`: its value is a dynamic field under this ID. */
  @Column({ name: 'metadata_id', type: 'text', nullable: true })
  metadataId!: string | null;

  /** ID of the pool's exchange-rate `Table`: its entries are dynamic fields under this ID. */
  @Column({ name: 'exchange_rates_id', type: 'text' })
  exchangeRatesId!: string;

  /** Who receives the commission: `address:0x…` or `object:0x…` (a StorageNodeCap). */
  @Column({ name: 'commission_receiver', type: 'text' })
  commissionReceiver!: string;

  @Column({ name: 'governance_authorized', type: 'text' })
  governanceAuthorized!: string;

  /** First checkpoint the node was seen at (its registration, unless bootstrapped later). */
  @Column({ name: 'first_seen_checkpoint', type: 'bigint', transformer: bigintTransformer })
  firstSeenCheckpoint!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
