import type { EntityManager } from 'typeorm';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { WalrusEventEntity } from 'src/store/events/walrus-event.entity';

export type WalrusEventRow = Readonly<WalrusEventEntity>;

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
};
