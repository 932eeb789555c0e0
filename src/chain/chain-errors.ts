/**
 * Failures reading the chain say whether trying again can help. Retryable ones (the node is
 * unavailable, slow, or the connection dropped) are retried with backoff; the others (a request
 * the node refuses, data that does not decode, a broken invariant) stop the reader where it is.
 */
export class RetryableChainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableChainError';
  }
}

export class NonRetryableChainError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'NonRetryableChainError';
  }
}

/** gRPC statuses worth retrying: the node may answer later, or another connection may work. */
const RETRYABLE_CODES = new Set([
  'UNAVAILABLE',
  'DEADLINE_EXCEEDED',
  'RESOURCE_EXHAUSTED',
  'ABORTED',
  'INTERNAL',
  'UNKNOWN',
  'CANCELLED',
]);

/** The other gRPC statuses: the node understood and refused. */
const FINAL_CODES = new Set([
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'PERMISSION_DENIED',
  'FAILED_PRECONDITION',
  'OUT_OF_RANGE',
  'UNIMPLEMENTED',
  'DATA_LOSS',
  'UNAUTHENTICATED',
]);

export function classifyChainError(error: unknown): RetryableChainError | NonRetryableChainError {
  if (error instanceof RetryableChainError || error instanceof NonRetryableChainError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  if (code !== undefined && RETRYABLE_CODES.has(code)) {
    return new RetryableChainError(`${code}: ${message}`, { cause: error });
  }
  if (code !== undefined && FINAL_CODES.has(code)) {
    return new NonRetryableChainError(`${code}: ${message}`, { cause: error });
  }
  // Transport failures (connection refused or reset, a body cut short) come without a gRPC status.
  if (error instanceof TypeError || (code !== undefined && code.startsWith('E'))) {
    return new RetryableChainError(message, { cause: error });
  }
  return new NonRetryableChainError(message, { cause: error });
}
