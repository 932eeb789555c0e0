import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintTransformer } from 'src/database/column-transformers';

/**
 * A node's self-description (`node_metadata::NodeMetadata`), which lives in an `ExtendedField`
 * beside its pool and changes only through `set_node_metadata`. Keyed by that field's UID, which
 * `storage_node.metadata_id` names.
 */
@Entity({ name: 'node_metadata' })
export class NodeMetadataEntity {
  @PrimaryColumn({ name: 'metadata_id', type: 'text' })
  metadataId!: string;

  @Column({ name: 'image_url', type: 'text' })
  imageUrl!: string;

  @Column({ name: 'project_url', type: 'text' })
  projectUrl!: string;

  @Column({ type: 'text' })
  description!: string;

  /** The free-form key → value pairs, in the node's order. */
  @Column({ name: 'extra_fields', type: 'jsonb' })
  extraFields!: { key: string; value: string }[];

  @Column({ type: 'bigint', transformer: bigintTransformer })
  version!: bigint;

  @Column({ type: 'bigint', transformer: bigintTransformer })
  checkpoint!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
