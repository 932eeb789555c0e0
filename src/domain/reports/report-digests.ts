import { blake2b } from '@noble/hashes/blake2.js';
import { compareNodeIds, parseNodeId, type NodeId } from 'src/domain/shared/node-id';

/**
 * The digests of an epoch report, exactly as move/README.md defines them: Blake2b-256 over the
 * BCS bytes of a vector of entries sorted by node ID, so that anyone recomputes them from chain data.
 */

export interface CommitteeEntry {
  /** 0x-prefixed 32-byte node ID. */
  readonly nodeId: string;
  readonly shards: readonly number[];
}

export interface RewardEntry {
  readonly nodeId: string;
  /** FROST paid to the node's pool for the epoch, commission included. */
  readonly reward: bigint;
}

export const DIGEST_LENGTH = 32;

/** Blake2b-256 of the committee that serves an epoch. */
export function committeeDigest(entries: readonly CommitteeEntry[]): Uint8Array {
  const sorted = byNodeId(entries);
  const parts = [uleb128(sorted.length)];
  for (const { nodeId, entry } of sorted) {
    const shards = [...entry.shards].sort((a, b) => a - b);
    parts.push(idBytes(nodeId), uleb128(shards.length), ...shards.map((shard) => u16(shard)));
  }
  return blake2b(concat(parts), { dkLen: DIGEST_LENGTH });
}

/** Blake2b-256 of the rewards each node of a committee was paid for an epoch. */
export function rewardsDigest(entries: readonly RewardEntry[]): Uint8Array {
  const sorted = byNodeId(entries);
  const parts = [uleb128(sorted.length)];
  for (const { nodeId, entry } of sorted) {
    parts.push(idBytes(nodeId), u64(entry.reward));
  }
  return blake2b(concat(parts), { dkLen: DIGEST_LENGTH });
}

export function toHex(bytes: Uint8Array): string {
  return `0x${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** Entries with their node IDs normalised, in the order of the IDs' 32 bytes (the contract's order). */
function byNodeId<T extends { readonly nodeId: string }>(
  entries: readonly T[],
): { nodeId: NodeId; entry: T }[] {
  return entries
    .map((entry) => ({ nodeId: normalisedId(entry.nodeId), entry }))
    .sort((a, b) => compareNodeIds(a.nodeId, b.nodeId));
}

function normalisedId(id: string): NodeId {
  try {
    return parseNodeId(id);
  } catch {
    throw new Error(`not a 32-byte object ID: ${id}`);
  }
}

function idBytes(id: NodeId): Uint8Array {
  return fromHexDigest(id);
}

function uleb128(value: number): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest = Math.floor(rest / 128);
    bytes.push(rest > 0 ? low | 0x80 : low);
  } while (rest > 0);
  return Uint8Array.from(bytes);
}

function u16(value: number): Uint8Array {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new Error(`not a shard index: ${value}`);
  }
  return Uint8Array.from([value & 0xff, value >> 8]);
}

function u64(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 64n) {
    throw new Error(`not a u64: ${value}`);
  }
  return Uint8Array.from({ length: 8 }, (_, index) => Number((value >> BigInt(8 * index)) & 0xffn));
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The bytes of a digest written as 0x-prefixed hex. */
export function fromHexDigest(hex: string): Uint8Array {
  const body = hex.startsWith('0x') ? hex.slice(2) : hex;
  if (!/^([0-9a-fA-F]{2})*$/.test(body)) {
    throw new Error(`not a hex digest: ${hex}`);
  }
  return Uint8Array.from({ length: body.length / 2 }, (_, index) =>
    parseInt(body.slice(index * 2, index * 2 + 2), 16),
  );
}
