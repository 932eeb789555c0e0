import type { EntityManager } from 'typeorm';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { WalrusEventEntity } from 'src/store/events/walrus-event.entity';

export type WalrusEventRow = Readonly<WalrusEventEntity>;

/** Which events a page holds; every condition given must hold. */
export interface WalrusEventFilter {
  readonly types?: readonly string[];
  /** Events naming this node (their `node_id` field). */
  readonly nodeId?: string;
  readonly epoch?: number;
  readonly fromCheckpoint?: bigint;
}

/** Where a page resumes: after this event in (checkpoint, transaction, index) order. */
export interface WalrusEventPosition {
  readonly checkpoint: bigint;
  readonly txDigest: string;
  readonly eventIndex: number;
}

/** Walrus events: written once, keyed by `(tx_digest, event_index)`. */
export const WalrusEventRepository = {
  async insert(manager: EntityManager, rows: readonly WalrusEventRow[]): Promise<void> {
    await bulkWriteEntities(
      manager,
      WalrusEventEntity,
      rows,
      'ON CONFLICT (tx_digest, event_index) DO NOTHING',
    );
  },

  /** Events matching `filter` after `after`, oldest first; one more than `limit` tells a next page. */
  async page(
    manager: EntityManager,
    filter: WalrusEventFilter,
    after: WalrusEventPosition | undefined,
    limit: number,
  ): Promise<WalrusEventRow[]> {
    const rows = await manager.query<
      {
        tx_digest: string;
        event_index: number;
        checkpoint: string;
        timestamp: Date;
        type: string;
        move_type: string;
        sender: string;
        epoch: number | null;
        data: Record<string, unknown> | null;
        bcs: string;
      }[]
    >(
      `SELECT * FROM walrus_event
       WHERE ($1::text[] IS NULL OR type = ANY($1::text[]))
         AND ($2::text IS NULL OR data->>'node_id' = $2)
         AND ($3::int IS NULL OR epoch = $3)
         AND ($4::bigint IS NULL OR checkpoint >= $4)
         AND ($5::bigint IS NULL OR (checkpoint, tx_digest, event_index) > ($5::bigint, $6::text, $7::int))
       ORDER BY checkpoint, tx_digest, event_index LIMIT $8`,
      [
        filter.types === undefined ? null : [...filter.types],
        filter.nodeId ?? null,
        filter.epoch ?? null,
        filter.fromCheckpoint?.toString() ?? null,
        after?.checkpoint.toString() ?? null,
        after?.txDigest ?? null,
        after?.eventIndex ?? null,
        limit,
      ],
    );
    return rows.map((row) => ({
      txDigest: row.tx_digest,
      eventIndex: row.event_index,
      checkpoint: BigInt(row.checkpoint),
      timestamp: row.timestamp,
      type: row.type,
      moveType: row.move_type,
      sender: row.sender,
      epoch: row.epoch,
      data: row.data,
      bcs: row.bcs,
    }));
  },
};
