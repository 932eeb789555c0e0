import { ApportionmentQueue } from 'src/domain/committee/apportionment-queue';
import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';
import { U64_MAX } from 'src/domain/shared/u64';

/** From this many candidates on, a node holds at most 1/SHARDS_LIMIT_DENOMINATOR of the shards. */
export const MIN_NODES_FOR_SHARDS_LIMIT = 20;
export const SHARDS_LIMIT_DENOMINATOR = 10;

const UQ64_64_ONE = 1n << 64n;

/**
 * The per-node shard cap (`max_shards_per_node`): a flat 10% with at least 20 candidates; with
 * fewer, the cap grows to ceil(nShards·20 / (n·10)) so that small sets can still place all shards.
 */
export function maxShardsPerNode(nNodes: number, nShards: number): number {
  if (nNodes >= MIN_NODES_FOR_SHARDS_LIMIT) {
    return Math.floor(nShards / SHARDS_LIMIT_DENOMINATOR);
  }
  const numerator = nShards * MIN_NODES_FOR_SHARDS_LIMIT;
  const denominator = nNodes * SHARDS_LIMIT_DENOMINATOR;
  return Math.ceil(numerator / denominator);
}

/** Tie-break priorities the contract uses: earlier active-set position wins (priority n − i). */
export function activeSetPriorities(nNodes: number): number[] {
  return Array.from({ length: nNodes }, (_, i) => nNodes - i);
}

export interface DhondtInput {
  readonly nShards: number;
  /** Stakes in active-set order (u64 FROST). */
  readonly stakes: readonly bigint[];
  /** Tie-breakers, higher wins; defaults to the active-set priorities n − i. */
  readonly priorities?: readonly number[];
}

/**
 * `staking_inner::dhondt`: the D'Hondt (Jefferson) apportionment of `nShards` seats by stake,
 * started from the Hagenbach-Bischoff lower bound, with the per-node cap and the contract's
 * 2^64-scaled quotients. Returns one shard count per stake, in input order.
 */
export function dhondt({ nShards, stakes, priorities }: DhondtInput): number[] {
  const nNodes = stakes.length;
  const tieBreakers = priorities ?? activeSetPriorities(nNodes);
  if (tieBreakers.length !== nNodes) {
    throw new DomainError('INVALID_ARGUMENT', `got ${tieBreakers.length} priorities for ${nNodes} stakes`);
  }
  if (!Number.isSafeInteger(nShards) || nShards < 0) {
    throw new DomainError('INVALID_ARGUMENT', `nShards must be a non-negative integer, got ${nShards}`);
  }

  let totalStake = 0n;
  for (const stake of stakes) {
    if (stake < 0n) {
      throw new DomainError('INVALID_AMOUNT', `stake must not be negative, got ${stake}`);
    }
    totalStake += stake;
  }
  if (totalStake > U64_MAX) {
    throw new DomainError(
      'ARITHMETIC_OVERFLOW',
      `total stake ${totalStake} exceeds u64, the contract would abort`,
    );
  }
  if (totalStake === 0n) {
    throw new DomainError(
      'NO_STAKE',
      'total stake is zero, no apportionment is possible',
      MOVE_ABORTS.noStake,
    );
  }

  const maxShards = maxShardsPerNode(nNodes, nShards);
  if (maxShards * nNodes < nShards) {
    // The contract keeps popping its quotient queue until every shard is placed; with every node at
    // the cap the queue runs dry and the transaction aborts.
    throw new DomainError(
      'SHARD_CAP_TOO_SMALL',
      `${nNodes} candidates capped at ${maxShards} shards each cannot hold ${nShards} shards`,
      MOVE_ABORTS.popFromEmptyHeap,
    );
  }

  // Hagenbach-Bischoff: stake / (total/(n+1) + 1) never exceeds the final D'Hondt seat count.
  const distributionNumber = totalStake / BigInt(nShards + 1) + 1n;
  const cap = BigInt(maxShards);
  const shards = new Array<number>(nNodes);
  const queue = new ApportionmentQueue();
  let distributed = 0;
  for (let index = 0; index < nNodes; index++) {
    const stake = stakes[index] as bigint;
    const headStart = stake / distributionNumber;
    const seats = Number(headStart < cap ? headStart : cap);
    shards[index] = seats;
    distributed += seats;
    if (seats !== maxShards) {
      queue.insert({ quotient: quotient(stake, seats + 1), tieBreaker: tieBreakers[index] as number, index });
    }
  }

  while (distributed !== nShards) {
    const next = queue.popMax();
    if (next === undefined) {
      // Unreachable after the cap check above; kept as the contract's own guard.
      throw new DomainError(
        'SHARD_CAP_TOO_SMALL',
        'no node can take another shard',
        MOVE_ABORTS.popFromEmptyHeap,
      );
    }
    const seats = (shards[next.index] as number) + 1;
    shards[next.index] = seats;
    if (seats !== maxShards) {
      next.quotient = quotient(stakes[next.index] as bigint, seats + 1);
      queue.insert(next);
    }
    distributed++;
  }
  return shards;
}

/** `uq64_64::from_quotient(stake, divisor)` as its raw 128-bit value. */
function quotient(stake: bigint, divisor: number): bigint {
  return (stake * UQ64_64_ONE) / BigInt(divisor);
}
