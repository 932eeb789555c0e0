import type { EntityManager } from 'typeorm';
import type { StakingBatch } from 'src/indexer/pipelines/staking/staking-batch';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';

/**
 * The staking pipeline's work for one kind of object. The pipeline walks a batch in chain order
 * and shows each handler the changes of its kind (`see`), then has each decode what it kept
 * (`decode`, in handler order: a later kind may rely on an earlier one), then write its rows
 * (`write`, in the same order, inside the batch's transaction).
 */
export interface StakingObjectHandler {
  readonly kinds: readonly WalrusObjectChange['kind'][];
  /** Whether deleted objects of these kinds matter (most leave no state behind). */
  readonly includesDeletions?: boolean;
  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint, batch: StakingBatch): void;
  decode(batch: StakingBatch): void;
  write(manager: EntityManager): Promise<void>;
}
