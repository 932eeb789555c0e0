import type { EntityManager } from 'typeorm';
import { bulkInsert, type BulkColumn } from 'src/database/bulk-upsert';

export interface WalrusEventRow {
  readonly txDigest: string;
  readonly eventIndex: number;
  readonly checkpoint: bigint;
  readonly timestamp: Date;
  readonly type: string;
  readonly moveType: string;
  readonly sender: string;
  readonly epoch: number | null;
  readonly data: Record<string, unknown> | null;
  readonly bcs: string;
}

const COLUMNS: BulkColumn[] = [
  { name: 'tx_digest', type: 'text' },
  { name: 'event_index', type: 'integer' },
  { name: 'checkpoint', type: 'bigint' },
  { name: 'timestamp', type: 'timestamptz' },
  { name: 'type', type: 'text' },
  { name: 'move_type', type: 'text' },
  { name: 'sender', type: 'text' },
  { name: 'epoch', type: 'integer' },
  { name: 'data', type: 'jsonb' },
  { name: 'bcs', type: 'text' },
];

/** Walrus events: written once, keyed by `(tx_digest, event_index)`. */
export const WalrusEventRepository = {
  async insert(manager: EntityManager, rows: readonly WalrusEventRow[]): Promise<void> {
    await bulkInsert(manager, {
      table: 'walrus_event',
      columns: COLUMNS,
      rows: rows.map((row) => [
        row.txDigest,
        row.eventIndex,
        row.checkpoint,
        row.timestamp,
        row.type,
        row.moveType,
        row.sender,
        row.epoch,
        row.data,
        row.bcs,
      ]),
      onConflict: 'ON CONFLICT (tx_digest, event_index) DO NOTHING',
    });
  },
};
