import { DomainError } from 'src/domain/shared/domain.error';
import { minBigInt, U64_MAX } from 'src/domain/shared/u64';

/** A vote weighted by the voter's shard count (votes are weighted by shards, never by stake). */
export interface WeightedVote {
  readonly value: bigint;
  readonly weight: number;
}

/** The contract's quorum: weight w of n shards is a quorum when 3w ≥ 2n + 1 (667 of 1000). */
export function isQuorum(weight: number, nShards: number): boolean {
  return 3 * weight >= 2 * nShards + 1;
}

/** The smallest weight that is a quorum of `nShards`. */
export function quorumWeight(nShards: number): number {
  return Math.ceil((2 * nShards + 1) / 3);
}

export interface QuorumValue {
  readonly value: bigint;
  /** Position, in `votes`, of the vote whose weight decided the result (the marginal voter). */
  readonly marginalVote: number;
}

function byValueDescending(votes: readonly WeightedVote[]): number[] {
  return votes
    .map((_, index) => index)
    .sort((a, b) => {
      const left = (votes[a] as WeightedVote).value;
      const right = (votes[b] as WeightedVote).value;
      return left > right ? -1 : left < right ? 1 : a - b;
    });
}

/**
 * `quorum_above`: the highest value such that a quorum of shards voted for it or more. Votes are
 * taken from the highest value down until their accumulated weight is a quorum.
 */
export function quorumAbove(votes: readonly WeightedVote[], nShards: number): QuorumValue {
  let weight = 0;
  for (const index of byValueDescending(votes)) {
    const vote = votes[index] as WeightedVote;
    weight += vote.weight;
    if (isQuorum(weight, nShards)) {
      return { value: vote.value, marginalVote: index };
    }
  }
  throw new DomainError('NO_QUORUM', `the votes carry ${weight} of ${nShards} shards, short of a quorum`);
}

/**
 * `quorum_below`: the lowest value such that a quorum of shards voted for it or less. Starting from
 * all shards, votes are removed from the highest value down; the value whose removal breaks the
 * quorum is the result.
 */
export function quorumBelow(votes: readonly WeightedVote[], nShards: number): QuorumValue {
  let weight = nShards;
  for (const index of byValueDescending(votes)) {
    const vote = votes[index] as WeightedVote;
    weight -= vote.weight;
    if (weight < 0) {
      break;
    }
    if (!isQuorum(weight, nShards)) {
      return { value: vote.value, marginalVote: index };
    }
  }
  throw new DomainError(
    'NO_QUORUM',
    `the vote weights do not add up to the ${nShards} shards of the committee`,
  );
}

/**
 * A node's capacity vote normalised to a system-wide figure: its capacity scaled by
 * nShards / its shard count (u128 math, capped at u64::MAX), as `select_committee_and_calculate_votes`.
 */
export function normalisedCapacityVote(nodeCapacity: bigint, nShards: number, weight: number): bigint {
  if (weight <= 0) {
    throw new DomainError('INVALID_ARGUMENT', 'a committee member must hold at least one shard');
  }
  return minBigInt((nodeCapacity * BigInt(nShards)) / BigInt(weight), U64_MAX);
}

export interface CapacityVoter {
  readonly nodeCapacity: bigint;
  /** Shards in the next committee. */
  readonly weight: number;
}

/** The total capacity chosen at `voting_end` over the next committee. */
export function selectCapacity(voters: readonly CapacityVoter[], nShards: number): QuorumValue {
  const votes = voters.map(({ nodeCapacity, weight }) => ({
    value: normalisedCapacityVote(nodeCapacity, nShards, weight),
    weight,
  }));
  return quorumAbove(votes, nShards);
}

export interface PriceVoter {
  readonly storagePrice: bigint;
  readonly writePrice: bigint;
  /** Shards in the current committee. */
  readonly weight: number;
}

export interface Prices {
  readonly storagePrice: bigint;
  readonly writePrice: bigint;
}

/**
 * `recalculate_prices` (v3+): `quorum_below` of the current committee's storage and write price
 * votes; u64::MAX for both while there is no committee (epoch 0).
 */
export function selectPrices(voters: readonly PriceVoter[], nShards: number): Prices {
  if (voters.length === 0) {
    return { storagePrice: U64_MAX, writePrice: U64_MAX };
  }
  return {
    storagePrice: quorumBelow(
      voters.map((v) => ({ value: v.storagePrice, weight: v.weight })),
      nShards,
    ).value,
    writePrice: quorumBelow(
      voters.map((v) => ({ value: v.writePrice, weight: v.weight })),
      nShards,
    ).value,
  };
}
