import type { Committee } from 'src/domain/committee/committee';
import { committeeChange, type NodeShardChange } from 'src/domain/committee/committee-change';
import { DomainError } from 'src/domain/shared/domain.error';
import type { NodeId } from 'src/domain/shared/node-id';

/** Shards a storage node syncs at once (`shard_sync_concurrency` of the node's configuration). */
export const DEFAULT_SHARD_SYNC_CONCURRENCY = 10;

export interface MigrationPlanInput {
  /** The epoch whose committee receives the shards. */
  readonly epoch: number;
  /** The committee of `epoch − 1`: the sources. */
  readonly previous: Committee;
  /** The committee of `epoch`: the destinations. */
  readonly current: Committee;
  /** Estimated bytes one shard holds: the stored (encoded) data over the number of shards. */
  readonly shardSizeBytes: bigint;
  /** Throughput of one shard sync, bytes per second, observed or assumed. */
  readonly shardSyncBytesPerSecond: bigint;
  /** Shards a destination syncs at once. */
  readonly concurrency?: number;
}

export interface PlannedMove {
  readonly shard: number;
  /** Null for a first committee: the shard starts empty, there is nothing to transfer. */
  readonly from: NodeId | null;
  readonly to: NodeId;
  /** 0-based wave at the destination: the destination syncs wave k after waves 0..k−1. */
  readonly wave: number;
  readonly sizeBytes: bigint;
  /** When the move should be done, ms after the epoch change started (the end of its wave). */
  readonly dueMs: number;
}

export interface NodeMigrationPlan extends NodeShardChange {
  /** Waves the node needs for its gained shards. */
  readonly waves: number;
  readonly receiveBytes: bigint;
  readonly sendBytes: bigint;
  /** When the node should attest, ms after the epoch change started (0: at once). */
  readonly dueMs: number;
}

export interface MigrationPlan {
  readonly epoch: number;
  readonly moves: PlannedMove[];
  /** Every node of either committee, in node-ID order. */
  readonly nodes: NodeMigrationPlan[];
  readonly movedShards: number;
  readonly totalBytes: bigint;
  /** The largest number of waves at any destination. */
  readonly waves: number;
  readonly concurrency: number;
  readonly shardSizeBytes: bigint;
  /** Duration of one wave, ms: one shard synced at the assumed throughput. */
  readonly waveMs: number;
  /** When the last destination should be done, ms after the epoch change started. */
  readonly etaMs: number;
}

/**
 * The handoff between two committees as a schedule. Every shard that changes owner is one move
 * from its previous to its new owner. A destination syncs at most `concurrency` shards at once,
 * as a storage node does, so its gained shards go in waves of that size, lowest shard first; the
 * limit is on the destination only because that is where the node enforces it (a source serves
 * every request it is authorised for). The ETA assumes each sync runs at the given throughput.
 */
export function planMigration(input: MigrationPlanInput): MigrationPlan {
  const concurrency = input.concurrency ?? DEFAULT_SHARD_SYNC_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `the concurrency must be a positive integer, got ${concurrency}`,
    );
  }
  if (input.shardSizeBytes < 0n) {
    throw new DomainError('INVALID_AMOUNT', 'the shard size cannot be negative');
  }
  if (input.shardSyncBytesPerSecond <= 0n) {
    throw new DomainError('INVALID_AMOUNT', 'the shard sync throughput must be positive');
  }
  const change = committeeChange(input.previous, input.current);
  const waveMs = Number(ceilDiv(input.shardSizeBytes * 1000n, input.shardSyncBytesPerSecond));
  const waveOf = new Map<number, number>();
  for (const node of change.nodes) {
    // Gained shards are ascending, which is the order a node starts its syncs in.
    node.gained.forEach((shard, index) => waveOf.set(shard, Math.floor(index / concurrency)));
  }
  const moves = change.moves.map((move): PlannedMove => {
    if (move.from === null) {
      return { ...move, wave: 0, sizeBytes: 0n, dueMs: 0 };
    }
    const wave = waveOf.get(move.shard) ?? 0;
    return { ...move, wave, sizeBytes: input.shardSizeBytes, dueMs: (wave + 1) * waveMs };
  });
  const transfers = moves.filter((move) => move.from !== null);
  const nodes = change.nodes.map((node): NodeMigrationPlan => {
    const incoming = transfers.filter((move) => move.to === node.nodeId);
    const outgoing = transfers.filter((move) => move.from === node.nodeId);
    const waves = Math.ceil(incoming.length / concurrency);
    return {
      ...node,
      waves,
      receiveBytes: sum(incoming.map((move) => move.sizeBytes)),
      sendBytes: sum(outgoing.map((move) => move.sizeBytes)),
      dueMs: waves * waveMs,
    };
  });
  const waves = Math.max(0, ...nodes.map((node) => node.waves));
  return {
    epoch: input.epoch,
    moves,
    nodes,
    movedShards: moves.length,
    totalBytes: sum(moves.map((move) => move.sizeBytes)),
    waves,
    concurrency,
    shardSizeBytes: input.shardSizeBytes,
    waveMs,
    etaMs: waves * waveMs,
  };
}

/** Bytes per shard: the stored (encoded) bytes spread evenly over the shards, rounded up. */
export function estimateShardSize(usedCapacityBytes: bigint, nShards: number): bigint {
  if (nShards <= 0) {
    throw new DomainError('INVALID_ARGUMENT', `the number of shards must be positive, got ${nShards}`);
  }
  return ceilDiv(usedCapacityBytes, BigInt(nShards));
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}
