import { NonRetryableChainError } from 'src/chain/chain-errors';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';

export interface StakingPipelineState {
  /** The Walrus epoch of the last staking inner object seen; null before the first. */
  readonly epoch: number | null;
  /** Exchange-rate table ID → node ID: rate entries are found by their parent table. */
  readonly rateTables: ReadonlyMap<string, string>;
  /**
   * Whether the last inner object seen had its next committee selected: a selection is the moment
   * this flips, within one epoch. Null before any (a snapshot never flips it).
   */
  readonly nextSelected: { readonly epoch: number; readonly selected: boolean } | null;
}

/** An object change seen in the batch, with its checkpoint and the Walrus epoch it belongs to. */
export interface Sighting {
  readonly change: WalrusObjectChange;
  readonly checkpoint: WalrusCheckpoint;
  readonly epoch: number;
}

/**
 * What the handlers of one batch share while the pipeline walks it in chain order: the current
 * epoch (set by the staking inner object, read by everything after it), the exchange-rate tables,
 * the last active set seen, and the count of changes.
 */
export class StakingBatch {
  epoch: number | null;
  nextSelected: StakingPipelineState['nextSelected'];
  rateTables: ReadonlyMap<string, string>;
  /** The latest active-set version seen so far: what a `voting_end` in this batch read. */
  lastActiveSet: Sighting | undefined;
  changes = 0;

  constructor(initial: StakingPipelineState) {
    this.epoch = initial.epoch;
    this.nextSelected = initial.nextSelected;
    this.rateTables = initial.rateTables;
  }

  /** The epoch a change belongs to; a change before any inner object cannot be placed. */
  requireEpoch(change: WalrusObjectChange): number {
    if (this.epoch === null) {
      throw new NonRetryableChainError(
        `${change.kind} ${change.objectId} (transaction ${change.txDigest}) arrived before any staking ` +
          'inner object: its epoch is unknown',
      );
    }
    return this.epoch;
  }

  get state(): StakingPipelineState {
    return { epoch: this.epoch, rateTables: this.rateTables, nextSelected: this.nextSelected };
  }
}

/** The checkpoint and time a row derived from a sighting carries. */
export function timing(sighting: Sighting): { checkpoint: bigint; updatedAt: Date } {
  return { checkpoint: sighting.checkpoint.sequence, updatedAt: new Date(sighting.checkpoint.timestampMs) };
}

/** Keeps `row` under `key` unless a newer version of it is there already. */
export function keepNewest<K, V extends { version: bigint }>(map: Map<K, V>, key: K, row: V): void {
  const existing = map.get(key);
  if (existing === undefined || existing.version < row.version) {
    map.set(key, row);
  }
}

/** Keeps the newest sighting under `key`: only those are decoded. */
export function keepNewestSighting<K>(map: Map<K, Sighting>, key: K, sighting: Sighting): void {
  const existing = map.get(key);
  if (existing === undefined || existing.change.version < sighting.change.version) {
    map.set(key, sighting);
  }
}
