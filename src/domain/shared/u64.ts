import { DomainError } from 'src/domain/shared/domain.error';

export const U64_MAX = (1n << 64n) - 1n;

/** Amounts on chain are u64: anything outside [0, 2^64) would abort the Move VM. */
export function assertU64(value: bigint, what: string): bigint {
  if (value < 0n || value > U64_MAX) {
    throw new DomainError('INVALID_AMOUNT', `${what} must be a u64 (0 ≤ x < 2^64), got ${value}`);
  }
  return value;
}

export function minBigInt(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
