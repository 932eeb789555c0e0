import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The chain this database indexes. A database holds one network: starting Tusk against another
 * chain is refused rather than mixing two histories.
 */
@Entity({ name: 'indexed_network' })
export class IndexedNetworkEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  /** `local`, `testnet` or `mainnet`. */
  @Column({ type: 'text' })
  network!: string;

  @Column({ name: 'chain_id', type: 'text' })
  chainId!: string;

  /**
   * Timestamp of checkpoint 0 on the local network: two runs of the devnet share a chain ID (it
   * follows from the scenario and seed) but not their genesis time.
   */
  @Column({ name: 'genesis_time', type: 'timestamptz', nullable: true })
  genesisTime!: Date | null;

  @Column({ name: 'staking_object_id', type: 'text' })
  stakingObjectId!: string;

  @Column({ name: 'system_object_id', type: 'text' })
  systemObjectId!: string;

  /** The original Walrus package: the address its types carry. */
  @Column({ name: 'package_id', type: 'text' })
  packageId!: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
