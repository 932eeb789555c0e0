import { classifyChainError, RetryableChainError } from 'src/chain/chain-errors';
import { exponentialBackoff, type BackoffSettings } from 'src/common/resilience/backoff';
import type { RetryOptions } from 'src/common/resilience/retry';

/** Waits between attempts at a failed chain read: from 100 ms doubling to 10 s, jittered. */
export const CHAIN_BACKOFF: BackoffSettings = { initialMs: 100, maxMs: 10_000 };

/** The full node's retry policy: the failures `classifyChainError` calls retryable, with `CHAIN_BACKOFF`. */
export function chainRetryPolicy(
  backoff: BackoffSettings = CHAIN_BACKOFF,
  random: () => number = Math.random,
): Omit<RetryOptions, 'onRetry'> {
  return {
    retryable: (error) => classifyChainError(error) instanceof RetryableChainError,
    backoff: exponentialBackoff(backoff, { random }),
  };
}
