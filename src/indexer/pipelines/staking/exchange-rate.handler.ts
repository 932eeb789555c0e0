import type { EntityManager } from 'typeorm';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import * as W from 'src/chain/walrus-bcs';
import { keepNewest, type StakingBatch } from 'src/indexer/pipelines/staking/staking-batch';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import { PoolRepository, type ExchangeRateRow } from 'src/store/pools/pool.repository';

/**
 * Exchange-rate table entries. They are decoded after the batch's pools, since an entry names only
 * its table, and the pool that owns the table may be new in the same batch.
 */
export class ExchangeRateHandler implements StakingObjectHandler {
  readonly kinds = ['exchangeRate'] as const;
  private readonly seen: { change: WalrusObjectChange; checkpoint: WalrusCheckpoint }[] = [];
  private readonly rows = new Map<string, ExchangeRateRow>();

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint): void {
    this.seen.push({ change, checkpoint });
  }

  decode(batch: StakingBatch): void {
    for (const { change, checkpoint } of this.seen) {
      const field = decodeObject(W.ExchangeRateField, change);
      const nodeId = change.owner === null ? undefined : batch.rateTables.get(change.owner);
      if (nodeId === undefined) {
        throw new NonRetryableChainError(
          `exchange rate ${change.objectId} (transaction ${change.txDigest}) belongs to table ` +
            `${String(change.owner)}, which no known staking pool owns`,
        );
      }
      const rate = field.value;
      keepNewest(this.rows, `${nodeId}/${field.name}`, {
        nodeId,
        epoch: field.name,
        kind: rate.$kind === 'Flat' ? 'flat' : 'variable',
        walAmount: rate.Variable === undefined ? null : BigInt(rate.Variable[0]),
        shareAmount: rate.Variable === undefined ? null : BigInt(rate.Variable[1]),
        version: change.version,
        checkpoint: checkpoint.sequence,
      });
    }
  }

  async write(manager: EntityManager): Promise<void> {
    await PoolRepository.writeExchangeRates(manager, [...this.rows.values()]);
  }
}
