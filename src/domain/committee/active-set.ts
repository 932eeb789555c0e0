import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';
import type { NodeId } from 'src/domain/shared/node-id';
import { assertU64 } from 'src/domain/shared/u64';

/** The active-set size limit of the deployed contracts (150 on the not yet deployed `main`). */
export const DEPLOYED_ACTIVE_SET_SIZE_LIMIT = 111;

export interface ActiveSetEntry {
  readonly nodeId: NodeId;
  readonly stake: bigint;
}

/**
 * `active_set::ActiveSet`: the candidates for the next committee with the stake that will count
 * for it. The order of `entries` is significant (apportionment tie-breaks and transitions depend on
 * it) and follows the contract exactly: appends at the end, evictions overwrite in place, removals
 * move the last entry into the hole.
 */
export class ActiveSet {
  private readonly nodes: ActiveSetEntry[];
  private total: bigint;

  constructor(
    readonly maxSize: number,
    readonly thresholdStake = 0n,
    entries: readonly ActiveSetEntry[] = [],
  ) {
    if (!Number.isInteger(maxSize) || maxSize <= 0) {
      throw new DomainError(
        'INVALID_ARGUMENT',
        'the active set needs a positive maximum size',
        MOVE_ABORTS.zeroMaxSize,
      );
    }
    this.nodes = [...entries];
    this.total = entries.reduce((sum, entry) => sum + entry.stake, 0n);
  }

  get entries(): readonly ActiveSetEntry[] {
    return this.nodes;
  }

  get totalStake(): bigint {
    return this.total;
  }

  get size(): number {
    return this.nodes.length;
  }

  stakeOf(nodeId: NodeId): bigint | undefined {
    return this.nodes.find((entry) => entry.nodeId === nodeId)?.stake;
  }

  /**
   * `insert_or_update`: a zero or below-threshold stake removes the node; a present node is updated
   * in place; otherwise the node is appended while there is room, or replaces, in place, the first
   * entry holding the smallest stake strictly below its own. Returns whether the node is in the set.
   */
  insertOrUpdate(nodeId: NodeId, stake: bigint): boolean {
    assertU64(stake, 'stake');
    if (stake === 0n || stake < this.thresholdStake) {
      this.remove(nodeId);
      return false;
    }
    const index = this.indexOf(nodeId);
    if (index >= 0) {
      const previous = this.nodes[index] as ActiveSetEntry;
      this.total += stake - previous.stake;
      this.nodes[index] = { nodeId, stake };
      return true;
    }
    return this.insert(nodeId, stake);
  }

  /** `remove`: swap-remove, so the last entry takes the removed node's position. */
  remove(nodeId: NodeId): void {
    const index = this.indexOf(nodeId);
    if (index < 0) {
      return;
    }
    const removed = this.nodes[index] as ActiveSetEntry;
    const last = this.nodes.pop() as ActiveSetEntry;
    if (index < this.nodes.length) {
      this.nodes[index] = last;
    }
    this.total -= removed.stake;
  }

  private insert(nodeId: NodeId, stake: bigint): boolean {
    if (this.indexOf(nodeId) >= 0) {
      throw new DomainError(
        'DUPLICATE_NODE',
        `node ${nodeId} is already in the active set`,
        MOVE_ABORTS.duplicateInsertion,
      );
    }
    if (this.nodes.length < this.maxSize) {
      this.nodes.push({ nodeId, stake });
      this.total += stake;
      return true;
    }
    let minStake = stake;
    let minIndex = -1;
    this.nodes.forEach((entry, index) => {
      if (entry.stake < minStake) {
        minStake = entry.stake;
        minIndex = index;
      }
    });
    if (minIndex < 0) {
      return false;
    }
    this.total += stake - minStake;
    this.nodes[minIndex] = { nodeId, stake };
    return true;
  }

  private indexOf(nodeId: NodeId): number {
    return this.nodes.findIndex((entry) => entry.nodeId === nodeId);
  }
}
