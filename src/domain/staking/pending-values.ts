import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';

export interface PendingEntry {
  readonly epoch: number;
  readonly value: bigint;
}

/**
 * `pending_values::PendingValues`: amounts keyed by the epoch they take effect in. Kept as an ordered
 * list, like the contract's `VecMap`, because its on-chain encoding preserves insertion order.
 */
export class PendingValues {
  private items: PendingEntry[];

  constructor(entries: readonly PendingEntry[] = []) {
    this.items = [...entries];
  }

  get entries(): readonly PendingEntry[] {
    return this.items;
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  get(epoch: number): bigint | undefined {
    return this.items.find((entry) => entry.epoch === epoch)?.value;
  }

  insertOrAdd(epoch: number, value: bigint): void {
    const index = this.items.findIndex((entry) => entry.epoch === epoch);
    if (index < 0) {
      this.items.push({ epoch, value });
    } else {
      this.items[index] = { epoch, value: (this.items[index] as PendingEntry).value + value };
    }
  }

  insertOrReplace(epoch: number, value: bigint): void {
    const index = this.items.findIndex((entry) => entry.epoch === epoch);
    if (index < 0) {
      this.items.push({ epoch, value });
    } else {
      this.items[index] = { epoch, value };
    }
  }

  reduce(epoch: number, value: bigint): void {
    const index = this.items.findIndex((entry) => entry.epoch === epoch);
    if (index < 0) {
      throw new DomainError(
        'INVALID_STATE',
        `no pending value for epoch ${epoch}`,
        MOVE_ABORTS.missingEpochValue,
      );
    }
    const current = (this.items[index] as PendingEntry).value;
    if (value > current) {
      throw new DomainError(
        'INVALID_STATE',
        `cannot reduce the pending value of epoch ${epoch} (${current}) by ${value}`,
        MOVE_ABORTS.reduceValueTooLarge,
      );
    }
    this.items[index] = { epoch, value: current - value };
  }

  /** Sum of the values due at or before `epoch`. */
  valueAt(epoch: number): bigint {
    let sum = 0n;
    for (const entry of this.items) {
      if (entry.epoch <= epoch) {
        sum += entry.value;
      }
    }
    return sum;
  }

  /** The value with the latest key at or before `epoch` (`latest_value_at`, main only). */
  latestValueAt(epoch: number): bigint | undefined {
    let latest: PendingEntry | undefined;
    for (const entry of this.items) {
      if (entry.epoch <= epoch && (latest === undefined || entry.epoch > latest.epoch)) {
        latest = entry;
      }
    }
    return latest?.value;
  }

  /** Removes every value due at or before `epoch` and returns their sum. */
  flush(epoch: number): bigint {
    const sum = this.valueAt(epoch);
    this.items = this.items.filter((entry) => entry.epoch > epoch);
    return sum;
  }

  clone(): PendingValues {
    return new PendingValues(this.items);
  }
}
