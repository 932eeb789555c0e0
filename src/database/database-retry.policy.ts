import { exponentialBackoff, type BackoffSettings } from 'src/common/resilience/backoff';
import type { RetryOptions } from 'src/common/resilience/retry';

/** Waits between attempts at a failed write: from 200 ms doubling to 10 s, jittered. */
export const DATABASE_BACKOFF: BackoffSettings = { initialMs: 200, maxMs: 10_000 };

/** Database failures that retrying cannot fix: bad data or SQL (classes 22, 23, 42). */
export function isPermanentDatabaseError(error: unknown): boolean {
  return /^(22|23|42)/.test(errorCode(error));
}

/** Connection failures (the server restarting, the network): worth retrying. */
export function isConnectionError(error: unknown): boolean {
  const code = errorCode(error);
  return /^(08|57P)/.test(code) || /^E(CONN|PIPE|TIMEDOUT|HOSTUNREACH)/.test(code);
}

/**
 * The database's retry policy: everything but a permanent failure, and whatever `alsoFatal` names
 * (a lost writer term, which no retry can win back), is retried with `DATABASE_BACKOFF`.
 */
export function databaseRetryPolicy(
  alsoFatal: (error: unknown) => boolean = () => false,
  backoff: BackoffSettings = DATABASE_BACKOFF,
): Omit<RetryOptions, 'onRetry'> {
  return {
    retryable: (error) => !isPermanentDatabaseError(error) && !alsoFatal(error),
    backoff: exponentialBackoff(backoff, { random: Math.random }),
  };
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}
