import type { GrpcTypes, SuiGrpcClient } from '@mysten/sui/grpc';
import { classifyChainError, RetryableChainError } from 'src/chain/chain-errors';
import { CHAIN_BACKOFF, chainRetryPolicy } from 'src/chain/chain-retry.policy';
import { BackoffSequence, type BackoffSettings } from 'src/common/resilience/backoff';
import { sleep } from 'src/common/sleep';

export type BackoffPolicy = BackoffSettings;

export interface CheckpointSourceOptions {
  readonly client: SuiGrpcClient;
  /** Fields of each checkpoint to fetch (`sui.rpc.v2` read-mask paths). */
  readonly readMask?: readonly string[];
  readonly backoff?: BackoffPolicy;
  /** Source of jitter; injectable so tests replay the same delays. */
  readonly random?: () => number;
  readonly onRetry?: (error: RetryableChainError, attempt: number, delayMs: number) => void;
}

/**
 * Only what the Walrus reader uses. A full node sends the named fields alone, so the changed
 * objects come without the rest of the effects (gas, dependencies), events without their rendered
 * JSON, and objects without their full BCS, JSON or display: a fraction of each checkpoint.
 */
export const DEFAULT_READ_MASK = [
  'sequence_number',
  'summary.timestamp',
  'transactions.digest',
  'transactions.effects.lamport_version',
  'transactions.effects.changed_objects',
  'transactions.events.events.event_type',
  'transactions.events.events.event_index',
  'transactions.events.events.sender',
  'transactions.events.events.contents',
  'transactions.objects.objects.object_id',
  'transactions.objects.objects.version',
  'transactions.objects.objects.contents',
];
/**
 * Checkpoints per `ListCheckpoints` call. The client buffers a streamed response as fast as it
 * arrives, whatever the reader's pace, so an open-ended range would hold the whole backlog in
 * memory; bounded calls keep it to one page. Pages are sized by what the last one held: many
 * checkpoints when they are near empty (each call costs a round trip), fewer when they are full of
 * objects, so that one page stays around `LIST_PAGING.items` transactions, changed objects and events.
 * They start small and at most double from one call to the next, since a quiet stretch of chain
 * says little about the next one.
 */
export const LIST_PAGING = {
  first: 20,
  min: 10,
  max: 1000,
  /** Transactions, changed objects and events one page should hold. */
  items: 5000,
} as const;

/**
 * Every checkpoint from a starting sequence number on, exactly once and in order, for as long as
 * the caller reads. It catches up with `ListCheckpoints`, then follows the tip with
 * `SubscribeCheckpoints`; a subscription that skips ahead sends it back to listing, duplicates are
 * dropped, and retryable failures are retried with capped exponential backoff and jitter, resuming
 * at the first checkpoint not yet delivered. A non-retryable failure ends the stream with the error.
 */
export class CheckpointSource {
  private readonly readMask: string[];
  private readonly backoff: BackoffSettings;
  private readonly random: () => number;
  private pageSize: number = LIST_PAGING.first;

  constructor(private readonly options: CheckpointSourceOptions) {
    this.readMask = [...(options.readMask ?? DEFAULT_READ_MASK)];
    this.backoff = options.backoff ?? CHAIN_BACKOFF;
    this.random = options.random ?? Math.random;
  }

  /**
   * `waitForRoom` is the reader's backpressure: awaited before each `ListCheckpoints` page and each
   * checkpoint from the subscription, never inside a page. A page arrives and is decoded whole
   * whatever the reader's pace, so pausing mid-page would only keep its decoded messages alive
   * long enough for the garbage collector to promote them; read through, they die young.
   */
  async *stream(
    from: bigint,
    signal: AbortSignal,
    waitForRoom: () => Promise<void> = noWait,
  ): AsyncGenerator<GrpcTypes.Checkpoint> {
    let next = from;
    // The stream resumes where it broke, so it walks the chain's backoff itself rather than
    // re-running a call from the start under a retry policy.
    const waits = new BackoffSequence(chainRetryPolicy(this.backoff, this.random).backoff);
    while (!signal.aborted) {
      // One attempt's calls end with it: an abandoned stream must not keep buffering.
      const attemptCalls = new AbortController();
      const abortAttempt = () => {
        attemptCalls.abort();
      };
      signal.addEventListener('abort', abortAttempt, { once: true });
      try {
        // Catch up to the tip.
        for await (const checkpoint of this.catchUp(next, attemptCalls.signal, waitForRoom)) {
          yield checkpoint;
          next++;
          waits.reset();
        }
        // Follow the tip. Once the subscription is established, list again what was sealed since
        // the catch-up ended; then a checkpoint past the next expected one means we missed some.
        const subscription = this.options.client.subscriptionService.subscribeCheckpoints(
          { readMask: { paths: this.readMask } },
          { abort: attemptCalls.signal },
        );
        await subscription.headers;
        for await (const checkpoint of this.catchUp(next, attemptCalls.signal, waitForRoom)) {
          yield checkpoint;
          next++;
          waits.reset();
        }
        for await (const frame of subscription.responses) {
          await waitForRoom();
          const sequence = frame.checkpoint?.sequenceNumber;
          if (frame.checkpoint === undefined || sequence === undefined || sequence < next) {
            continue;
          }
          if (sequence > next) {
            break;
          }
          yield frame.checkpoint;
          next++;
          waits.reset();
        }
      } catch (error) {
        if (isAborted(signal)) {
          return;
        }
        const failure = classifyChainError(error);
        if (!(failure instanceof RetryableChainError)) {
          throw failure;
        }
        const delayMs = waits.next();
        this.options.onRetry?.(failure, waits.attempts, delayMs);
        await sleep(delayMs, signal);
      } finally {
        signal.removeEventListener('abort', abortAttempt);
        attemptCalls.abort();
      }
    }
  }

  /** Checkpoints from `start` to the current tip, page by page. */
  private async *catchUp(
    start: bigint,
    signal: AbortSignal,
    waitForRoom: () => Promise<void>,
  ): AsyncGenerator<GrpcTypes.Checkpoint> {
    let next = start;
    for (;;) {
      await waitForRoom();
      const before = next;
      for await (const checkpoint of this.list(next, signal)) {
        if (checkpoint.sequenceNumber === next) {
          yield checkpoint;
          next++;
        }
      }
      if (next === before) {
        return;
      }
    }
  }

  /** Checkpoints from `start` to the tip, in order, skipping duplicates. */
  private async *list(start: bigint, signal: AbortSignal): AsyncGenerator<GrpcTypes.Checkpoint> {
    const call = this.options.client.ledgerService.listCheckpoints(
      {
        startCheckpoint: start,
        endCheckpoint: start + BigInt(this.pageSize),
        readMask: { paths: this.readMask },
      },
      { abort: signal },
    );
    let expected = start;
    let items = 0;
    for await (const frame of call.responses) {
      const checkpoint = frame.checkpoint;
      if (checkpoint?.sequenceNumber === undefined || checkpoint.sequenceNumber < expected) {
        continue;
      }
      if (checkpoint.sequenceNumber > expected) {
        throw new RetryableChainError(
          `ListCheckpoints skipped from ${expected} to ${checkpoint.sequenceNumber}`,
        );
      }
      items += checkpointItems(checkpoint);
      yield checkpoint;
      expected++;
    }
    const listed = Number(expected - start);
    if (listed > 0) {
      const fitting = Math.floor((LIST_PAGING.items * listed) / Math.max(items, 1));
      this.pageSize = Math.min(LIST_PAGING.max, this.pageSize * 2, Math.max(LIST_PAGING.min, fitting));
    }
  }
}

/** What a checkpoint weighs in the client's buffer: its transactions, changed objects and events. */
function checkpointItems(checkpoint: GrpcTypes.Checkpoint): number {
  let items = 1;
  for (const transaction of checkpoint.transactions) {
    items += 1 + (transaction.effects?.changedObjects.length ?? 0) + (transaction.events?.events.length ?? 0);
  }
  return items;
}

function noWait(): Promise<void> {
  return Promise.resolve();
}

/** Read through a call: the signal changes while the stream awaits. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
