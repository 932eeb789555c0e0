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
   * Keeps each row whose identity differs from the node's latest earlier row, in version order:
   * a pool version that changed nothing of it is not a change.
   */
  async writeIdentities(manager: EntityManager, rows: readonly NodeIdentityRow[]): Promise<void> {
    const ordered = [...rows].sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    for (const row of ordered) {
      const values = [
        row.name,
        row.networkAddress,
        row.publicKey,
        row.nextEpochPublicKey,
        row.networkPublicKey,
        row.commissionReceiver,
        row.governanceAuthorized,
      ];
      await manager.query(
        `INSERT INTO node_identity_change (node_id, version, checkpoint, changed_at, ${IDENTITY_FIELDS.join(', ')})
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
         WHERE NOT EXISTS (
           SELECT 1 FROM (SELECT * FROM node_identity_change WHERE node_id = $1 AND version < $2
                          ORDER BY version DESC LIMIT 1) latest
           WHERE (${IDENTITY_FIELDS.join(', ')}) IS NOT DISTINCT FROM ($5, $6, $7, $8, $9, $10, $11))
         ON CONFLICT (node_id, version) DO NOTHING`,
        [
          row.nodeId,
          row.version.toString(),
          row.checkpoint.toString(),
          row.changedAt.toISOString(),
          ...values,
        ],
      );
    }
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
