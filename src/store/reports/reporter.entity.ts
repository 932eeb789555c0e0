import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/** A Tusk instance registered in the `tusk_reports` registry (its `ReporterRegistered` event). */
@Entity({ name: 'reporter' })
export class ReporterEntity {
  /** The `ReporterCap`'s object ID: a reporter's identity in the registry. */
  @PrimaryColumn({ name: 'reporter_id', type: 'text' })
  reporterId!: string;

  @Column({ type: 'text' })
  owner!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  @Column({ name: 'tx_digest', type: 'text' })
  txDigest!: string;

  @Column({ type: 'numeric', transformer: bigintTransformer })
  checkpoint!: bigint;
}
