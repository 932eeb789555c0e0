import type { EntityManager } from 'typeorm';
import { versionGuardedUpsert } from 'src/database/bulk-upsert';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { NodeIdentityChangeEntity } from 'src/store/node-identity/node-identity-change.entity';
import { NodeMetadataEntity } from 'src/store/node-identity/node-metadata.entity';

export type NodeMetadataRow = Readonly<NodeMetadataEntity>;
export type NodeIdentityRow = Readonly<NodeIdentityChangeEntity>;

const IDENTITY_FIELDS = [
  'name',
  'network_address',
  'public_key',
  'next_epoch_public_key',
  'network_public_key',
  'commission_receiver',
  'governance_authorized',
] as const;

/** Node metadata and the history of node identities. */
export const NodeIdentityRepository = {
  async writeMetadata(manager: EntityManager, rows: readonly NodeMetadataRow[]): Promise<void> {
    await bulkWriteEntities(manager, NodeMetadataEntity, rows, ({ table, columns }) =>
      versionGuardedUpsert(table, columns, ['metadata_id']),
    );
  },

  /**
   * Keeps each row whose identity differs from the node's latest earlier row: a pool version that
   * changed nothing of it is not a change. One statement for the batch, which holds at most one
   * row per node (its newest version), so rows are compared only with what is stored.
   */
  async writeIdentities(manager: EntityManager, rows: readonly NodeIdentityRow[]): Promise<void> {
    if (rows.length === 0) {
      return;
    }
    const fields = IDENTITY_FIELDS.join(', ');
    await manager.query(
      `INSERT INTO node_identity_change (node_id, version, checkpoint, changed_at, ${fields})
       SELECT v.* FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[],
                              $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS v(node_id, version, checkpoint, changed_at, ${fields})
       WHERE NOT EXISTS (
         SELECT 1 FROM (SELECT * FROM node_identity_change c WHERE c.node_id = v.node_id AND c.version < v.version
                        ORDER BY c.version DESC LIMIT 1) latest
         WHERE (${IDENTITY_FIELDS.map((field) => `latest.${field}`).join(', ')})
               IS NOT DISTINCT FROM (${IDENTITY_FIELDS.map((field) => `v.${field}`).join(', ')}))
       ON CONFLICT (node_id, version) DO NOTHING`,
      [
        rows.map((row) => row.nodeId),
        rows.map((row) => row.version.toString()),
        rows.map((row) => row.checkpoint.toString()),
        rows.map((row) => row.changedAt.toISOString()),
        rows.map((row) => row.name),
        rows.map((row) => row.networkAddress),
        rows.map((row) => row.publicKey),
        rows.map((row) => row.nextEpochPublicKey),
        rows.map((row) => row.networkPublicKey),
        rows.map((row) => row.commissionReceiver),
        rows.map((row) => row.governanceAuthorized),
      ],
    );
  },

  /** A node's metadata, when it ever set it. */
  async metadataOf(
    manager: EntityManager,
    nodeIds: readonly string[],
  ): Promise<Map<string, NodeMetadataRow>> {
    const rows = await manager.query<
      {
        node_id: string;
        metadata_id: string;
        image_url: string;
        project_url: string;
        description: string;
        extra_fields: { key: string; value: string }[];
        version: string;
        checkpoint: string;
        updated_at: Date;
      }[]
    >(
      `SELECT n.node_id, m.* FROM storage_node n JOIN node_metadata m ON m.metadata_id = n.metadata_id
       WHERE n.node_id = ANY($1)`,
      [nodeIds],
    );
    return new Map(
      rows.map((row) => [
        row.node_id,
        {
          metadataId: row.metadata_id,
          imageUrl: row.image_url,
          projectUrl: row.project_url,
          description: row.description,
          extraFields: row.extra_fields,
          version: BigInt(row.version),
          checkpoint: BigInt(row.checkpoint),
          updatedAt: row.updated_at,
        },
      ]),
    );
  },

  /** A node's identity changes, newest first. */
  async changes(manager: EntityManager, nodeId: string, last: number): Promise<NodeIdentityRow[]> {
    return manager.getRepository(NodeIdentityChangeEntity).find({
      where: { nodeId },
      order: { version: 'DESC' },
      take: last,
    });
  },
};
