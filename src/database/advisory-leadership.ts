import { EventEmitter } from 'node:events';
import type { DataSource, QueryRunner } from 'typeorm';
import { RetryAbortedError, retryUntilAborted } from 'src/common/resilience/retry';
import { sleep } from 'src/common/sleep';
import { databaseRetryPolicy } from 'src/database/database-retry.policy';

export interface LeadershipOptions {
  /** The session advisory lock that makes one process the leader. */
  readonly lockKey: number;
  /** How often a standby tries to take the lock. */
  readonly standbyPollMs: number;
  /** How often the leader checks the connection that holds its lock (default `HEARTBEAT_MS`). */
  readonly heartbeatMs?: number;
}

export interface LeadershipHandlers {
  /** Runs while this process leads; `term` aborts when it must step down. Returning re-contests. */
  lead(term: AbortSignal): Promise<void>;
  /** Whether a failure of `lead` ends the loop (thrown to the caller) or is waited out and retried. */
  isFatal(error: unknown): boolean;
  onStandby?(): void;
  /** Told of a failure that is retried, with why and how long until the next try. */
  onRetry?(error: unknown, delayMs: number): void;
  /** Told when the connection holding the lock fails, and the leader steps down. */
  onLockLost?(reason: string): void;
}

/** How often a leader checks, by default, that the connection holding its lock still answers. */
const HEARTBEAT_MS = 5000;

/** After a failed term, how long before contesting the lock again. */
const RETRY_AFTER_FAILED_TERM_MS = 1000;

/**
 * One leader among any number of processes on the same database: whoever holds the session
 * advisory lock leads, the others wait as hot standbys and take over when the lock is free. The
 * lock lives on a dedicated connection; if that connection fails (an error, or a heartbeat that
 * gets no answer) the leader steps down at once, since PostgreSQL has released the lock for
 * someone else. Writers that must never commit after losing the lock fence their writes with a
 * term of their own (the indexer's lease); this loop only tells them when to stop.
 */
export class AdvisoryLeadership {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: LeadershipOptions,
  ) {}

  /** Resolves when `signal` aborts; rejects with the first fatal failure of `lead`. */
  async run(signal: AbortSignal, handlers: LeadershipHandlers): Promise<void> {
    while (!signal.aborted) {
      const lock = await this.contest(signal, handlers);
      if (lock === undefined) {
        return;
      }
      if (lock === null) {
        handlers.onStandby?.();
        await sleep(this.options.standbyPollMs, signal);
        continue;
      }
      try {
        await this.holdWhile(lock, signal, handlers);
      } catch (error) {
        if (handlers.isFatal(error)) {
          throw error;
        }
        if (!isAborted(signal)) {
          handlers.onRetry?.(error, RETRY_AFTER_FAILED_TERM_MS);
          await sleep(RETRY_AFTER_FAILED_TERM_MS, signal);
        }
      } finally {
        await lock.query('SELECT pg_advisory_unlock($1)', [this.options.lockKey]).catch(() => undefined);
        await lock.release().catch(() => undefined);
      }
    }
  }

  /** One term: `lead` runs until it returns, fails, the caller stops, or the lock is lost. */
  private async holdWhile(lock: QueryRunner, signal: AbortSignal, handlers: LeadershipHandlers) {
    const term = new AbortController();
    const stepDown = (reason: string) => {
      if (!term.signal.aborted) {
        handlers.onLockLost?.(reason);
        term.abort();
      }
    };
    const stop = () => {
      term.abort();
    };
    signal.addEventListener('abort', stop, { once: true });
    const onConnectionError = () => {
      stepDown('the connection holding the lock failed');
    };
    const client = lockClient(lock);
    client?.on('error', onConnectionError);
    const heartbeat = setInterval(() => {
      lock.query('SELECT 1').catch(() => {
        stepDown('lost the connection holding the lock');
      });
    }, this.options.heartbeatMs ?? HEARTBEAT_MS);
    try {
      await handlers.lead(term.signal);
    } finally {
      clearInterval(heartbeat);
      client?.off('error', onConnectionError);
      signal.removeEventListener('abort', stop);
    }
  }

  /**
   * A dedicated connection holding the lock, null when another process holds it, undefined when
   * stopped first. Database failures are retried with the database policy.
   */
  private async contest(
    signal: AbortSignal,
    handlers: LeadershipHandlers,
  ): Promise<QueryRunner | null | undefined> {
    try {
      return await retryUntilAborted(
        {
          ...databaseRetryPolicy(),
          onRetry: (error, _attempt, delayMs) => handlers.onRetry?.(error, delayMs),
        },
        () => this.tryLock(),
        signal,
      );
    } catch (error) {
      if (error instanceof RetryAbortedError) {
        return undefined;
      }
      throw error;
    }
  }

  private async tryLock(): Promise<QueryRunner | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const rows: unknown = await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        this.options.lockKey,
      ]);
      const row = Array.isArray(rows) ? (rows[0] as { locked?: boolean } | undefined) : undefined;
      if (row?.locked === true) {
        return runner;
      }
    } catch (error) {
      await runner.release();
      throw error;
    }
    await runner.release();
    return null;
  }
}

/** The pg client under a query runner: a checked-out client needs its own error listener. */
function lockClient(runner: QueryRunner): { on: EventEmitter['on']; off: EventEmitter['off'] } | undefined {
  const client: unknown = (runner as unknown as { databaseConnection?: unknown }).databaseConnection;
  return client instanceof EventEmitter ? client : undefined;
}

/** Read through a call, so that a check after an await is not narrowed away by an earlier one. */
function isAborted(signal: AbortSignal): boolean {
  return signal.aborted;
}
