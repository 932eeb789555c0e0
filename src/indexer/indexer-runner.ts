import type { BackoffSettings } from 'src/common/resilience/backoff';
import { RetryAbortedError, retryUntilAborted } from 'src/common/resilience/retry';
import {
  DATABASE_BACKOFF,
  databaseRetryPolicy,
  isPermanentDatabaseError,
} from 'src/database/database-retry.policy';
import type { GrpcTypes } from '@mysten/sui/grpc';
import type { DataSource } from 'typeorm';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import type { Pipeline, PipelineName, PreparedBatch } from 'src/indexer/pipelines/pipeline';
import type { WalrusCheckpoint, WalrusCheckpointReader } from 'src/indexer/walrus-checkpoint';
import { LeaseLostError, WatermarkRepository } from 'src/store/indexer/watermark.repository';

export interface CheckpointStream {
  /** `waitForRoom`: awaited where the stream may pause (see `CheckpointSource.stream`). */
  stream(
    from: bigint,
    signal: AbortSignal,
    waitForRoom?: () => Promise<void>,
  ): AsyncIterable<GrpcTypes.Checkpoint>;
}

/** What the runner reports as it goes; metrics and health listen. */
export interface IndexerObserver {
  onCommit?(commit: {
    pipeline: PipelineName;
    checkpoint: bigint;
    timestampMs: number;
    checkpoints: number;
    changes: number;
    seconds: number;
  }): void;
  onRetry?(pipeline: PipelineName, error: unknown, delayMs: number): void;
  onHalt?(pipeline: PipelineName, checkpoint: bigint, error: unknown): void;
}

export interface IndexerRunnerOptions {
  readonly dataSource: DataSource;
  readonly source: CheckpointStream;
  readonly reader: WalrusCheckpointReader;
  readonly pipelines: readonly Pipeline[];
  /**
   * The writer term this runner holds (see `WatermarkRepository.takeLease`). A backfill holds none:
   * it writes its own watermarks, and its rows are idempotent beside the writer's.
   */
  readonly term?: bigint;
  /** Most checkpoints committed in one transaction. */
  readonly batchSize: number;
  /** Last checkpoint to index (inclusive), for a bounded backfill; unbounded otherwise. */
  readonly until?: bigint;
  /** Prefix of the watermark rows, so a backfill keeps its own progress apart from the tip's. */
  readonly watermarkPrefix?: string;
  /** First checkpoint to index when a watermark is new (a backfill's `from`); 0 otherwise. */
  readonly from?: bigint;
  readonly observer?: IndexerObserver;
  readonly backoff?: BackoffSettings;
}

interface PipelineRun {
  readonly pipeline: Pipeline;
  readonly watermarkName: string;
  checkpoint: bigint;
  state: unknown;
  halted: boolean;
}

/**
 * Runs pipelines over one checkpoint stream. Checkpoints are read ahead while the previous batch
 * commits; each pipeline commits a batch (its rows and its watermark) in one transaction of its
 * own, so a crash at any point leaves every pipeline at a checkpoint whose rows are all written.
 * On restart each resumes after its own watermark. A pipeline that meets data it cannot index
 * stops there (recorded in its watermark row) while the others go on.
 */
export class IndexerRunner {
  private readonly backoff: BackoffSettings;

  constructor(private readonly options: IndexerRunnerOptions) {
    this.backoff = options.backoff ?? DATABASE_BACKOFF;
  }

  /** Resolves when `until` is reached, every pipeline halted, or the signal aborted. */
  async run(signal: AbortSignal): Promise<void> {
    const { dataSource, pipelines } = this.options;
    const prefix = this.options.watermarkPrefix ?? '';
    const watermarks = await WatermarkRepository.ensure(
      dataSource.manager,
      pipelines.map((pipeline) => prefix + pipeline.name),
      (this.options.from ?? 0n) - 1n,
    );
    const runs: PipelineRun[] = [];
    for (const pipeline of pipelines) {
      const watermark = watermarks.get(prefix + pipeline.name);
      runs.push({
        pipeline,
        watermarkName: prefix + pipeline.name,
        checkpoint: watermark?.checkpoint ?? -1n,
        state: await pipeline.loadState(dataSource.manager),
        halted: false,
      });
    }
    const until = this.options.until;
    const active = () => runs.filter((run) => !run.halted && (until === undefined || run.checkpoint < until));
    if (active().length === 0) {
      return;
    }
    const from = active().reduce((low, run) => (run.checkpoint < low ? run.checkpoint : low), 1n << 62n) + 1n;

    const inner = new AbortController();
    const abort = () => {
      inner.abort();
    };
    signal.addEventListener('abort', abort, { once: true });
    // Read ahead by about one batch while the previous one commits; more only costs memory.
    const queue = new CheckpointQueue(this.options.batchSize * 2, MAX_QUEUED_CHANGES);
    const producer = this.produce(from, queue, inner.signal);
    try {
      while (!signal.aborted && active().length > 0) {
        const batch = await queue.take(this.options.batchSize, MAX_BATCH_CHANGES, signal);
        if (batch === undefined) {
          break;
        }
        const bounded =
          until === undefined ? batch : batch.filter((checkpoint) => checkpoint.sequence <= until);
        await Promise.all(active().map((run) => this.commit(run, bounded, signal)));
      }
    } finally {
      inner.abort();
      signal.removeEventListener('abort', abort);
      await producer;
    }
  }

  private async produce(from: bigint, queue: CheckpointQueue, signal: AbortSignal): Promise<void> {
    try {
      // The queue may overrun its bounds by the rest of a page: the source waits for room between
      // pages, not inside one.
      const waitForRoom = () => queue.waitForSpace(signal);
      for await (const checkpoint of this.options.source.stream(from, signal, waitForRoom)) {
        queue.push(this.options.reader.read(checkpoint));
        if (this.options.until !== undefined && checkpoint.sequenceNumber === this.options.until) {
          break;
        }
      }
      queue.end();
    } catch (error) {
      queue.fail(error);
    }
  }

  /** Commits one batch for one pipeline, retrying what can be retried. */
  private async commit(
    run: PipelineRun,
    batch: readonly WalrusCheckpoint[],
    signal: AbortSignal,
  ): Promise<void> {
    const checkpoints = batch.filter((checkpoint) => checkpoint.sequence > run.checkpoint);
    const last = checkpoints[checkpoints.length - 1];
    if (last === undefined) {
      return;
    }
    let prepared: PreparedBatch<unknown>;
    try {
      prepared = run.pipeline.prepare(checkpoints, run.state);
    } catch (error) {
      // Commit what comes before the checkpoint that cannot be indexed, then stop at it.
      const { good, bad } = this.locateFailure(run, checkpoints);
      if (good.length > 0) {
        await this.commit(run, good, signal);
      }
      if (!run.halted) {
        await this.halt(run, bad?.checkpoint.sequence ?? last.sequence, bad?.error ?? error);
      }
      return;
    }
    await this.write(run, checkpoints, prepared, signal);
  }

  /** Prepares checkpoints one by one to find the first that fails. */
  private locateFailure(
    run: PipelineRun,
    checkpoints: readonly WalrusCheckpoint[],
  ): { good: WalrusCheckpoint[]; bad?: { checkpoint: WalrusCheckpoint; error: unknown } } {
    let state = run.state;
    const good: WalrusCheckpoint[] = [];
    for (const checkpoint of checkpoints) {
      try {
        state = run.pipeline.prepare([checkpoint], state).state;
      } catch (error) {
        return { good, bad: { checkpoint, error } };
      }
      good.push(checkpoint);
    }
    return { good };
  }

  private async write(
    run: PipelineRun,
    checkpoints: readonly WalrusCheckpoint[],
    prepared: PreparedBatch<unknown>,
    signal: AbortSignal,
  ): Promise<void> {
    const last = checkpoints[checkpoints.length - 1];
    if (last === undefined) {
      return;
    }
    const { dataSource, observer, term } = this.options;
    let started = performance.now();
    try {
      await retryUntilAborted(
        {
          ...databaseRetryPolicy((error) => error instanceof LeaseLostError, this.backoff),
          onRetry: (error, _attempt, delayMs) => {
            observer?.onRetry?.(run.pipeline.name, error, delayMs);
          },
        },
        async () => {
          started = performance.now();
          await dataSource.transaction(async (manager) => {
            if (term !== undefined) {
              await WatermarkRepository.assertLease(manager, term);
            }
            await prepared.write(manager);
            await WatermarkRepository.advance(manager, run.watermarkName, last.sequence, last.timestampMs);
          });
        },
        signal,
      );
    } catch (error) {
      if (error instanceof RetryAbortedError) {
        return;
      }
      if (isPermanentDatabaseError(error)) {
        await this.halt(run, checkpoints[0]?.sequence ?? last.sequence, error);
        return;
      }
      throw error;
    }
    run.checkpoint = last.sequence;
    run.state = prepared.state;
    observer?.onCommit?.({
      pipeline: run.pipeline.name,
      checkpoint: last.sequence,
      timestampMs: last.timestampMs,
      checkpoints: checkpoints.length,
      changes: prepared.changes,
      seconds: (performance.now() - started) / 1000,
    });
  }

  private async halt(run: PipelineRun, checkpoint: bigint, error: unknown): Promise<void> {
    run.halted = true;
    const message = error instanceof Error ? error.message : String(error);
    this.options.observer?.onHalt?.(run.pipeline.name, checkpoint, error);
    try {
      await WatermarkRepository.recordError(
        this.options.dataSource.manager,
        run.watermarkName,
        checkpoint,
        message,
      );
    } catch {
      // The halt is already reported; the row is a courtesy for API replicas.
    }
  }
}

/** Object changes read ahead at most: dense checkpoints are large, sparse ones nearly empty. */
const MAX_QUEUED_CHANGES = 20_000;
/** Object changes per batch at most, so that one transaction stays a few megabytes. */
const MAX_BATCH_CHANGES = 10_000;

function weight(checkpoint: WalrusCheckpoint): number {
  let changes = 0;
  for (const transaction of checkpoint.transactions) {
    changes += transaction.objects.length + transaction.events.length;
  }
  return changes;
}

/**
 * A queue between the checkpoint reader and the writer, bounded in checkpoints and in object
 * changes, carrying the reader's failure.
 */
class CheckpointQueue {
  private items: { checkpoint: WalrusCheckpoint; weight: number }[] = [];
  private queuedWeight = 0;
  private ended = false;
  private failure: { error: unknown } | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly capacity: number,
    private readonly weightCapacity: number,
  ) {}

  push(checkpoint: WalrusCheckpoint): void {
    const item = { checkpoint, weight: weight(checkpoint) };
    this.items.push(item);
    this.queuedWeight += item.weight;
    this.notify();
  }

  end(): void {
    this.ended = true;
    this.notify();
  }

  fail(error: unknown): void {
    this.failure = { error };
    this.notify();
  }

  async waitForSpace(signal: AbortSignal): Promise<void> {
    while (
      (this.items.length >= this.capacity || this.queuedWeight >= this.weightCapacity) &&
      !signal.aborted
    ) {
      await this.sleepUntilNotified(signal);
    }
  }

  /**
   * Once at least one checkpoint is ready: up to `max` of them and about `maxWeight` object
   * changes (at least one checkpoint). Undefined once the stream has ended.
   */
  async take(max: number, maxWeight: number, signal: AbortSignal): Promise<WalrusCheckpoint[] | undefined> {
    while (this.items.length === 0) {
      if (this.failure !== undefined) {
        throw this.failure.error instanceof Error
          ? this.failure.error
          : new NonRetryableChainError(String(this.failure.error));
      }
      if (this.ended || signal.aborted) {
        return undefined;
      }
      await this.sleepUntilNotified(signal);
    }
    let count = 0;
    let taken = 0;
    for (const item of this.items) {
      if (count === max || (count > 0 && taken + item.weight > maxWeight)) {
        break;
      }
      count++;
      taken += item.weight;
    }
    this.queuedWeight -= taken;
    const batch = this.items.splice(0, count).map((item) => item.checkpoint);
    this.notify();
    return batch;
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private sleepUntilNotified(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      const previous = this.wake;
      this.wake = () => {
        previous?.();
        done();
      };
      signal.addEventListener('abort', done, { once: true });
    });
  }
}
