import type { ValueTransformer } from 'typeorm';

/**
 * `numeric` and `bigint` columns arrive from pg as strings (they can exceed 2^53); in TypeScript
 * they are `bigint`, never `number`.
 */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : value.toString(),
  from: (value: string | null): bigint | null => (value === null ? null : BigInt(value)),
};
