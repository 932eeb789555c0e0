/**
 * A record by epoch that keeps only the latest `keep` epochs: the local network runs for days at
 * 30-second epochs, and a record that gains an entry every epoch would otherwise grow with it.
 */
export class RecentEpochs<V> extends Map<number, V> {
  constructor(private readonly keep = 1000) {
    super();
  }

  override set(epoch: number, value: V): this {
    super.set(epoch, value);
    // Entries come in epoch order, near enough: drop from the oldest until one is recent.
    for (const key of super.keys()) {
      if (key > epoch - this.keep) {
        break;
      }
      super.delete(key);
    }
    return this;
  }
}
