/**
 * The max-heap of the contract's `apportionment_queue`: entries are ordered by their UQ64.64
 * quotient (compared as raw 128-bit integers) and then by the larger tie-breaker. Every
 * (quotient, tie-breaker) pair in an apportionment is unique, so any correct heap pops the same
 * sequence as the contract's.
 */
export interface QueueEntry {
  quotient: bigint;
  tieBreaker: number;
  index: number;
}

function outranks(a: QueueEntry, b: QueueEntry): boolean {
  return a.quotient > b.quotient || (a.quotient === b.quotient && a.tieBreaker > b.tieBreaker);
}

export class ApportionmentQueue {
  private readonly heap: QueueEntry[] = [];

  get size(): number {
    return this.heap.length;
  }

  insert(entry: QueueEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentEntry = heap[parent] as QueueEntry;
      if (!outranks(entry, parentEntry)) {
        break;
      }
      heap[i] = parentEntry;
      i = parent;
    }
    heap[i] = entry;
  }

  /** Removes and returns the highest-ranked entry; undefined when empty. */
  popMax(): QueueEntry | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) {
      return top;
    }
    let i = 0;
    const length = heap.length;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = last;
      let bestIndex = i;
      const leftEntry = heap[left];
      if (left < length && leftEntry !== undefined && outranks(leftEntry, best)) {
        best = leftEntry;
        bestIndex = left;
      }
      const rightEntry = heap[right];
      if (right < length && rightEntry !== undefined && outranks(rightEntry, best)) {
        best = rightEntry;
        bestIndex = right;
      }
      if (bestIndex === i) {
        break;
      }
      heap[i] = best;
      i = bestIndex;
    }
    heap[i] = last;
    return top;
  }
}
