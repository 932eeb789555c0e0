import { bcs } from '@mysten/sui/bcs';
import * as W from 'src/chain/walrus-bcs';
import type { SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { FLAT_RATE, type PoolExchangeRate } from 'src/domain/staking/exchange-rate';

/** Epochs of rates a pool keeps in memory; older ones are read back from its table on chain. */
export const RATES_KEPT_IN_MEMORY = 100;

/**
 * A simulated pool's exchange rates, as the contract's `exchange_rates` table: one entry per epoch,
 * never removed. The recent ones live in memory; older ones are archived, that is dropped from
 * memory and read back from the table entry the ledger holds (on disk once it leaves the retained
 * window), so that a network running for days does not grow by one rate per pool per epoch.
 * It behaves as the whole map for every reader: `get`, `has`, `size` and iteration in epoch order.
 */
export class LedgerExchangeRates extends Map<number, PoolExchangeRate> {
  /** Epochs below this one are no longer in memory. */
  private archivedBelow = Number.NEGATIVE_INFINITY;
  private archivedCount = 0;
  /**
   * The archived epochs, as runs of consecutive ones in epoch order: a pool outside the committee
   * records no rate, so a lookup in a gap answers at once instead of searching the ledger.
   */
  private readonly archivedRuns: { first: number; last: number }[] = [];

  constructor(
    private readonly ledger: SuiLedger,
    private readonly tableId: () => string,
  ) {
    super();
  }

  /** Rates held in memory (the others are read from the ledger). */
  get inMemory(): number {
    return super.size;
  }

  override get size(): number {
    return super.size + this.archivedCount;
  }

  override get(epoch: number): PoolExchangeRate | undefined {
    return super.get(epoch) ?? (this.isArchived(epoch) ? this.readArchived(epoch) : undefined);
  }

  override has(epoch: number): boolean {
    return this.get(epoch) !== undefined;
  }

  override set(epoch: number, rate: PoolExchangeRate): this {
    if (epoch < this.archivedBelow) {
      throw new Error(`the exchange rate of epoch ${epoch} is archived and cannot change`);
    }
    super.set(epoch, rate);
    // A rate is set as its epoch begins; those far behind it were written to the table long ago.
    this.archiveBefore(epoch - RATES_KEPT_IN_MEMORY);
    return this;
  }

  override delete(epoch: number): boolean {
    if (epoch < this.archivedBelow) {
      throw new Error(`the exchange rate of epoch ${epoch} is archived and cannot be removed`);
    }
    return super.delete(epoch);
  }

  override clear(): void {
    throw new Error('a pool never clears its exchange rates');
  }

  /**
   * Drops the rates before `epoch` from memory, up to the first one that is not an entry of the
   * table yet (which stays, with every rate after it).
   */
  private archiveBefore(epoch: number): void {
    const old = [...super.keys()].filter((key) => key < epoch).sort((a, b) => a - b);
    for (const key of old) {
      if (this.readArchived(key) === undefined) {
        return;
      }
      super.delete(key);
      this.archivedCount += 1;
      this.archivedBelow = key + 1;
      const run = this.archivedRuns[this.archivedRuns.length - 1];
      if (run?.last === key - 1) {
        run.last = key;
      } else {
        this.archivedRuns.push({ first: key, last: key });
      }
    }
  }

  override *entries(): MapIterator<[number, PoolExchangeRate]> {
    const archived: [number, PoolExchangeRate][] = [];
    for (const { first, last } of this.archivedRuns) {
      for (let epoch = first; epoch <= last; epoch++) {
        archived.push([epoch, this.readOrFail(epoch)]);
      }
    }
    yield* archived;
    yield* super.entries();
  }

  override [Symbol.iterator](): MapIterator<[number, PoolExchangeRate]> {
    return this.entries();
  }

  override *keys(): MapIterator<number> {
    for (const [epoch] of this.entries()) {
      yield epoch;
    }
  }

  override *values(): MapIterator<PoolExchangeRate> {
    for (const [, rate] of this.entries()) {
      yield rate;
    }
  }

  override forEach(
    callback: (rate: PoolExchangeRate, epoch: number, map: Map<number, PoolExchangeRate>) => void,
    thisArg?: unknown,
  ): void {
    for (const [epoch, rate] of this.entries()) {
      callback.call(thisArg, rate, epoch, this);
    }
  }

  private isArchived(epoch: number): boolean {
    let low = 0;
    let high = this.archivedRuns.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const run = this.archivedRuns[middle] as { first: number; last: number };
      if (epoch < run.first) {
        high = middle - 1;
      } else if (epoch > run.last) {
        low = middle + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  private readOrFail(epoch: number): PoolExchangeRate {
    const rate = this.readArchived(epoch);
    if (rate === undefined) {
      throw new Error(`the exchange rate of epoch ${epoch} is gone from the ledger`);
    }
    return rate;
  }

  private readArchived(epoch: number): PoolExchangeRate | undefined {
    const fieldId = this.ledger.dynamicFieldId(this.tableId(), 'u32', bcs.u32().serialize(epoch).toBytes());
    const field = this.ledger.get(fieldId);
    if (field === undefined) {
      return undefined;
    }
    const rate = W.ExchangeRateField.parse(field.contents).value;
    return rate.$kind === 'Flat'
      ? FLAT_RATE
      : { kind: 'Variable', walAmount: BigInt(rate.Variable[0]), shareAmount: BigInt(rate.Variable[1]) };
  }
}
