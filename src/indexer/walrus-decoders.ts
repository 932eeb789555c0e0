import type { BcsType } from '@mysten/sui/bcs';
import { toHex } from '@mysten/sui/utils';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import type * as W from 'src/chain/walrus-bcs';
import type { WalrusObjectChange } from 'src/indexer/walrus-checkpoint';

/**
 * Decodes one object's BCS with its layout. Anything that does not decode is a non-retryable
 * failure naming the object, version and transaction: the pipeline stops rather than guess.
 */
export function decodeObject<T, Input>(schema: BcsType<T, Input>, change: WalrusObjectChange): T {
  if (change.contents === undefined) {
    throw new NonRetryableChainError(`${change.kind} ${change.objectId}: no contents to decode`);
  }
  try {
    return schema.parse(change.contents);
  } catch (error) {
    throw new NonRetryableChainError(
      `cannot decode ${change.kind} ${change.objectId} version ${change.version} ` +
        `(transaction ${change.txDigest}): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

export type DecodedPool = ReturnType<typeof W.StakingPool.parse>;
export type DecodedStakingInner = ReturnType<typeof W.StakingInnerV1.parse>;
export type DecodedSystemInner = ReturnType<typeof W.SystemStateInnerV1.parse>;

/** `PendingValues` as rows in epoch order, amounts as strings. */
export function pendingRows(values: { pos0: { contents: { key: number; value: string }[] } }) {
  return values.pos0.contents
    .map((entry) => ({ epoch: entry.key, value: entry.value }))
    .sort((a, b) => a.epoch - b.epoch);
}

export function authorizedText(authorized: ReturnType<typeof W.Authorized.parse>): string {
  return authorized.$kind === 'Address' ? `address:${authorized.Address}` : `object:${authorized.ObjectID}`;
}

export function elementHex(element: { bytes: number[] }): string {
  return `0x${toHex(Uint8Array.from(element.bytes))}`;
}

/** Decoded BCS values as JSON: u64 and wider are already strings; byte vectors become hex. */
export function toJson(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(toJson);
  }
  if (value instanceof Uint8Array) {
    return `0x${toHex(value)}`;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, toJson(field)]));
  }
  return value;
}
