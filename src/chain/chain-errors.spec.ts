import { RpcError } from '@mysten/sui/grpc';
import { classifyChainError, NonRetryableChainError, RetryableChainError } from 'src/chain/chain-errors';

describe('classifyChainError', () => {
  it.each(['UNAVAILABLE', 'DEADLINE_EXCEEDED', 'RESOURCE_EXHAUSTED', 'INTERNAL', 'UNKNOWN', 'CANCELLED'])(
    'retries %s',
    (code) => {
      expect(classifyChainError(new RpcError('node trouble', code))).toBeInstanceOf(RetryableChainError);
    },
  );

  it.each(['INVALID_ARGUMENT', 'NOT_FOUND', 'UNIMPLEMENTED', 'PERMISSION_DENIED', 'FAILED_PRECONDITION'])(
    'does not retry %s',
    (code) => {
      const failure = classifyChainError(new RpcError('refused', code));
      expect(failure).toBeInstanceOf(NonRetryableChainError);
      expect(failure.message).toBe(`${code}: refused`);
    },
  );

  it('retries transport failures: fetch errors and socket codes', () => {
    expect(classifyChainError(new TypeError('fetch failed'))).toBeInstanceOf(RetryableChainError);
    expect(
      classifyChainError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
    ).toBeInstanceOf(RetryableChainError);
  });

  it('does not retry anything else, such as a decode failure', () => {
    expect(classifyChainError(new Error('unexpected end of BCS input'))).toBeInstanceOf(
      NonRetryableChainError,
    );
  });
});
