import { DomainError } from 'src/domain/shared/domain.error';
import type { NodeId } from 'src/domain/shared/node-id';

/** v3+ burns 3% of the ending epoch's reward bucket at the epoch change. */
export const REWARD_BURN_BASIS_POINTS = 300;

export interface RewardedMember {
  readonly nodeId: NodeId;
  /** Shards held in the ending epoch's committee. */
  readonly shards: number;
  /** Bytes on the node's deny list; they do not count as stored. */
  readonly denyListSize: bigint;
}

export interface EpochRewardsInput {
  /** The ending epoch's storage-fund bucket, FROST. */
  readonly bucket: bigint;
  /** Used capacity of the ending epoch, bytes. */
  readonly usedCapacity: bigint;
  readonly members: readonly RewardedMember[];
  /** 300 from v3 on, 0 before. */
  readonly burnBasisPoints?: number;
}

export interface EpochRewards {
  readonly burned: bigint;
  readonly perNode: readonly { readonly nodeId: NodeId; readonly reward: bigint }[];
  /** Rounding remainder, carried into the new epoch's bucket. */
  readonly leftover: bigint;
}

/**
 * The per-node reward split of `system_state_inner::advance_epoch`: after the burn, each member of
 * the ending committee earns in proportion to shards × (used capacity − its deny-list size),
 * rounded down.
 */
export function distributeEpochRewards({
  bucket,
  usedCapacity,
  members,
  burnBasisPoints = REWARD_BURN_BASIS_POINTS,
}: EpochRewardsInput): EpochRewards {
  if (bucket < 0n || usedCapacity < 0n) {
    throw new DomainError('INVALID_AMOUNT', 'the reward bucket and the used capacity cannot be negative');
  }
  const burned = (bucket * BigInt(burnBasisPoints)) / 10_000n;
  const total = bucket - burned;
  const weighted = members.map((member) => {
    const denied = member.denyListSize < usedCapacity ? member.denyListSize : usedCapacity;
    return BigInt(member.shards) * (usedCapacity - denied);
  });
  const weightSum = weighted.reduce((sum, weight) => sum + weight, 0n);
  const divisor = weightSum > 0n ? weightSum : 1n;
  let paid = 0n;
  const perNode = members.map((member, index) => {
    const reward = ((weighted[index] as bigint) * total) / divisor;
    paid += reward;
    return { nodeId: member.nodeId, reward };
  });
  return { burned, perNode, leftover: total - paid };
}

/**
 * `staking_pool::advance_epoch`'s first step: the commission is the reward times the rate in force
 * during the ending epoch, rounded down; the rest goes to the pool's stakers.
 */
export function splitCommission(
  reward: bigint,
  commissionRateBps: number,
): { readonly commission: bigint; readonly delegators: bigint } {
  if (
    reward < 0n ||
    !Number.isInteger(commissionRateBps) ||
    commissionRateBps < 0 ||
    commissionRateBps > 10_000
  ) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `invalid reward ${reward} or commission rate ${commissionRateBps}`,
    );
  }
  const commission = (reward * BigInt(commissionRateBps)) / 10_000n;
  return { commission, delegators: reward - commission };
}

/**
 * What a node should earn from a prepaid future epoch's bucket, were the committee and the deny
 * lists to stay as they are: the bucket after the burn, times the node's share of the shards.
 * Storage is prepaid per epoch, so this is close to deterministic; deny lists and committee
 * changes are what move it.
 */
export function projectNodeReward(input: {
  readonly bucket: bigint;
  readonly shards: number;
  readonly nShards: number;
  readonly commissionRateBps: number;
  readonly burnBasisPoints?: number;
}): { readonly reward: bigint; readonly commission: bigint; readonly delegators: bigint } {
  if (input.nShards <= 0 || input.shards < 0 || input.shards > input.nShards) {
    throw new DomainError('INVALID_ARGUMENT', `${input.shards} of ${input.nShards} shards`);
  }
  const burned = (input.bucket * BigInt(input.burnBasisPoints ?? REWARD_BURN_BASIS_POINTS)) / 10_000n;
  const reward = ((input.bucket - burned) * BigInt(input.shards)) / BigInt(input.nShards);
  return { reward, ...splitCommission(reward, input.commissionRateBps) };
}
