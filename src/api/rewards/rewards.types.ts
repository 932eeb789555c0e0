import { Field, Int, ObjectType } from '@nestjs/graphql';
import {
  type NodeEpochRewardView,
  type EpochRewardsView,
  type RewardProjectionView,
} from 'src/rewards/rewards.views';

@ObjectType('NodeEpochReward', {
  description:
    'A node’s reward for one epoch, recomputed as advance_epoch does (the ending bucket after the 3% burn, ' +
    'split by shards × (used capacity − deny-list size)), its commission at the rate of that epoch, and the ' +
    'delegators’ share checked against the exchange rate the pool recorded. Amounts in FROST.',
})
export class NodeEpochRewardType implements NodeEpochRewardView {
  @Field(() => Int) epoch!: number;
  @Field() nodeId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int) shards!: number;
  @Field(() => BigInt) denyListSize!: bigint;
  @Field(() => BigInt) reward!: bigint;
  @Field(() => Int, { nullable: true, description: 'Basis points, in force during the epoch.' })
  commissionRate!: number | null;
  @Field(() => BigInt, { nullable: true }) commission!: bigint | null;
  @Field(() => BigInt, { nullable: true }) delegatorReward!: bigint | null;
  @Field(() => BigInt, {
    nullable: true,
    description: 'What the recorded exchange rate implies: rate(E+1) balance − the pool’s balance during E.',
  })
  recordedDelegatorReward!: bigint | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Recomputation equals the chain; null when not comparable.',
  })
  matchesChain!: boolean | null;
}

@ObjectType('EpochRewards', { description: 'How an epoch’s storage fees were paid out at its end. FROST.' })
export class EpochRewardsType implements EpochRewardsView {
  @Field(() => Int) epoch!: number;
  @Field(() => BigInt, { description: 'The ending epoch’s bucket.' }) bucket!: bigint;
  @Field(() => BigInt) burned!: bigint;
  @Field(() => BigInt) distributed!: bigint;
  @Field(() => BigInt, { description: 'Rounding remainder, carried into the next epoch’s bucket.' })
  leftover!: bigint;
  @Field(() => [NodeEpochRewardType]) nodes!: NodeEpochRewardType[];
}

@ObjectType('RewardProjection', {
  description:
    'A node’s share of a prepaid future epoch’s bucket, if its shards, commission and the deny lists stay as ' +
    'they are: bucket × (1 − 3% burn) × shards / n_shards. FROST.',
})
export class RewardProjectionType implements RewardProjectionView {
  @Field(() => Int) epoch!: number;
  @Field(() => BigInt) bucket!: bigint;
  @Field(() => BigInt) reward!: bigint;
  @Field(() => BigInt) commission!: bigint;
  @Field(() => BigInt) delegatorReward!: bigint;
}
