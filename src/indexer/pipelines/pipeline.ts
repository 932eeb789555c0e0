import type { EntityManager } from 'typeorm';
import type { WalrusCheckpoint } from 'src/indexer/walrus-checkpoint';

export const PIPELINE_NAMES = ['events', 'staked_wal', 'staking', 'epochs'] as const;
export type PipelineName = (typeof PIPELINE_NAMES)[number];

/** The rows a batch of checkpoints produced for one pipeline, ready to be written. */
export interface PreparedBatch<State> {
  /** The pipeline's state once this batch is committed (kept only if the commit succeeds). */
  readonly state: State;
  /** How many of the pipeline's objects and events the batch carried. */
  readonly changes: number;
  write(manager: EntityManager): Promise<void>;
}

/**
 * One pipeline: checkpoints in, rows out. `prepare` is pure (it throws a non-retryable error for
 * data it cannot decode); `write` runs inside the transaction that also moves the watermark.
 * Writes are idempotent on natural keys, so replaying a committed checkpoint changes nothing.
 */
export interface Pipeline<State = unknown> {
  readonly name: PipelineName;
  /** State carried between batches (e.g. the current Walrus epoch), rebuilt from the database. */
  loadState(manager: EntityManager): Promise<State>;
  prepare(checkpoints: readonly WalrusCheckpoint[], state: State): PreparedBatch<State>;
}

/** The newest epoch a pipeline's per-epoch table holds, or null when it is empty. */
export async function latestEpochIn(
  manager: EntityManager,
  table: 'staking_state' | 'system_state',
): Promise<number | null> {
  const [row] = await manager.query<{ epoch: number | null }[]>(`SELECT max(epoch) AS epoch FROM ${table}`);
  return row?.epoch ?? null;
}
