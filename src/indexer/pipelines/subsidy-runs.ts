import { SubsidiesInnerField } from 'src/chain/walrus-subsidies-bcs';
import { usageSubsidiesOfRun } from 'src/domain/staking/subsidies';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import type { SubsidyStateRow } from 'src/store/subsidies/subsidy.repository';

/**
 * Turns each version of the subsidies state into a row, with the usage subsidies its run added:
 * every bucket's growth since the version before, at the rate in force. The first version seen
 * (created, or read at the snapshot) is the baseline and adds nothing.
 */
export class SubsidyRuns {
  readonly rows: SubsidyStateRow[] = [];

  constructor(private previous: SubsidyStateRow | undefined) {}

  get latest(): SubsidyStateRow | undefined {
    return this.previous;
  }

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint): void {
    if (this.previous !== undefined && change.version <= this.previous.version) {
      return;
    }
    const inner = decodeObject(SubsidiesInnerField, change).value;
    const buckets = new Map(
      inner.already_subsidized_balances.ring_buffer.map((bucket) => [bucket.epoch, BigInt(bucket.balance)]),
    );
    const baseline =
      this.previous === undefined || change.operation === 'created' || checkpoint.snapshot === true;
    const before = new Map(
      Object.entries(this.previous?.buckets ?? {}).map(([epoch, balance]) => [
        Number(epoch),
        BigInt(balance),
      ]),
    );
    const added = baseline
      ? new Map<number, bigint>()
      : usageSubsidiesOfRun(before, buckets, inner.system_subsidy_rate);
    const row: SubsidyStateRow = {
      version: change.version,
      checkpoint: checkpoint.sequence,
      updatedAt: new Date(checkpoint.timestampMs),
      systemSubsidyRate: inner.system_subsidy_rate,
      baseSubsidy: BigInt(inner.base_subsidy),
      subsidyPerShard: BigInt(inner.subsidy_per_shard),
      poolBalance: BigInt(inner.subsidy_pool.value),
      latestPaidEpoch: inner.latest_epoch,
      lastSubsidizedMs: BigInt(inner.last_subsidized_ts),
      buckets: Object.fromEntries(
        [...buckets].map(([epoch, balance]) => [String(epoch), balance.toString()]),
      ),
      usageSubsidies: Object.fromEntries(
        [...added].map(([epoch, amount]) => [String(epoch), amount.toString()]),
      ),
      baseline,
    };
    this.rows.push(row);
    this.previous = row;
  }
}
