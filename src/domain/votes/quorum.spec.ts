import { DomainError } from 'src/domain/shared/domain.error';
import { U64_MAX } from 'src/domain/shared/u64';
import {
  isQuorum,
  normalisedCapacityVote,
  quorumAbove,
  quorumBelow,
  quorumWeight,
  selectCapacity,
  selectPrices,
  type WeightedVote,
} from 'src/domain/votes/quorum';
import {
  loadMoveVectors,
  type CapacityVector,
  type PricesVector,
  type VoteVector,
} from 'test/support/move-vectors';

const vectors = loadMoveVectors();
const voteVectors = vectors.quorum.filter(
  (v): v is VoteVector => v.fn === 'quorumAbove' || v.fn === 'quorumBelow',
);
const capacityVectors = vectors.quorum.filter((v): v is CapacityVector => v.fn === 'capacity');
const priceVectors = vectors.quorum.filter((v): v is PricesVector => v.fn === 'prices');

function toVotes(votes: { value: number; weight: number }[]): WeightedVote[] {
  return votes.map(({ value, weight }) => ({ value: BigInt(value), weight }));
}

describe('parameter votes (staking_inner quorum_above / quorum_below)', () => {
  it('has vectors of every kind', () => {
    expect(voteVectors.length).toBeGreaterThan(0);
    expect(capacityVectors.length).toBeGreaterThan(0);
    expect(priceVectors.length).toBeGreaterThan(0);
  });

  it.each(voteVectors.map((v, i) => [v.fn, i, v] as const))('%s vector %d', (fn, _i, vector) => {
    const select = fn === 'quorumAbove' ? quorumAbove : quorumBelow;
    expect(select(toVotes(vector.votes), vector.nShards).value).toBe(BigInt(vector.expected));
  });

  it.each(capacityVectors.map((v, i) => [i, v] as const))('capacity vector %d', (_i, vector) => {
    const voters = vector.capacityVotes.map((capacity, i) => ({
      nodeCapacity: BigInt(capacity),
      weight: vector.weights[i]!,
    }));
    expect(selectCapacity(voters, vector.nShards).value).toBe(BigInt(vector.expected));
  });

  it.each(priceVectors.flatMap((v) => v.rounds.map((round, i) => [i, v.nShards, round] as const)))(
    'price round %d',
    (_i, nShards, round) => {
      const voters = round.votes.map((price) => ({
        storagePrice: BigInt(price),
        writePrice: BigInt(price),
        weight: 10,
      }));
      expect(selectPrices(voters, nShards)).toEqual({
        storagePrice: BigInt(round.expected),
        writePrice: BigInt(round.expected),
      });
    },
  );

  it('prices are u64::MAX while there is no committee', () => {
    expect(selectPrices([], 1000)).toEqual({ storagePrice: U64_MAX, writePrice: U64_MAX });
  });

  it('names the marginal voter whose weight decided the value', () => {
    const votes = toVotes([
      { value: 5, weight: 300 },
      { value: 9, weight: 400 },
      { value: 7, weight: 300 },
    ]);
    expect(quorumAbove(votes, 1000)).toEqual({ value: 7n, marginalVote: 2 });
    expect(quorumBelow(votes, 1000)).toEqual({ value: 9n, marginalVote: 1 });
  });

  it('uses 667 of 1000 shards as the quorum', () => {
    expect(quorumWeight(1000)).toBe(667);
    expect(isQuorum(666, 1000)).toBe(false);
    expect(isQuorum(667, 1000)).toBe(true);
  });

  it('caps a normalised capacity vote at u64::MAX', () => {
    expect(normalisedCapacityVote(U64_MAX, 1000, 1)).toBe(U64_MAX);
    expect(normalisedCapacityVote(1000n, 100, 10)).toBe(10000n);
  });

  it('fails clearly when the votes cannot reach a quorum', () => {
    expect(() => quorumAbove(toVotes([{ value: 1, weight: 10 }]), 1000)).toThrow(DomainError);
    expect(() => quorumBelow(toVotes([{ value: 1, weight: 2000 }]), 1000)).toThrow(DomainError);
  });
});
