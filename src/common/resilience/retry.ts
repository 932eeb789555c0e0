import { handleWhen, retry, type IBackoffFactory } from 'cockatiel';

export interface RetryOptions {
  /** Which failures are worth another attempt; the others are thrown at once. */
  readonly retryable: (error: unknown) => boolean;
  readonly backoff: IBackoffFactory<unknown>;
  /** Told of each failure that will be retried, and after how long. */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

/** Thrown by `retryUntilAborted` when its signal stops it between attempts. */
export class RetryAbortedError extends Error {
  constructor() {
    super('stopped before an attempt succeeded');
    this.name = 'RetryAbortedError';
  }
}

/**
 * Runs `attempt` until it succeeds, retrying the failures `retryable` accepts without limit, with
 * the given backoff (cockatiel's retry policy). An abort ends the wait at once with
 * `RetryAbortedError`: cockatiel's own delays cannot be cancelled, so the call races the signal and
 * the policy's timers are unref'd, leaving nothing that holds the process.
 */
export async function retryUntilAborted<T>(
  options: RetryOptions,
  attempt: (signal: AbortSignal) => Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  const policy = retry(
    handleWhen((error) => options.retryable(error)),
    { maxAttempts: Number.POSITIVE_INFINITY, backoff: options.backoff },
  ).dangerouslyUnref();
  const listener = policy.onRetry((event) => {
    if ('error' in event) {
      options.onRetry?.(event.error, event.attempt, event.delay);
    }
  });
  let stop: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    stop = () => {
      reject(new RetryAbortedError());
    };
    if (signal.aborted) {
      stop();
    } else {
      signal.addEventListener('abort', stop, { once: true });
    }
  });
  try {
    return await Promise.race([
      policy.execute(({ signal: attemptSignal }) => {
        if (signal.aborted) {
          throw new RetryAbortedError();
        }
        return attempt(attemptSignal);
      }, signal),
      aborted,
    ]);
  } finally {
    listener.dispose();
    if (stop !== undefined) {
      signal.removeEventListener('abort', stop);
    }
  }
}
