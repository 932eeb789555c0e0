import { Field, Int, ObjectType } from '@nestjs/graphql';
import {
  type NodeEpochRewardView,
  type EpochRewardsView,
  type RewardProjectionView,
  type SubsidiesView,
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
  @Field(() => BigInt, {
    description: 'The part of reward the usage subsidies paid for (reward × the bucket’s subsidised share).',
  })
  usageSubsidyReward!: bigint;
  @Field(() => BigInt, {
    nullable: true,
    description:
      'Fixed-rate subsidy paid into the pool’s commission for serving in the epoch (base + shards × per-shard, ' +
      'walrus_subsidies); null until the payout is seen.',
  })
  fixedSubsidy!: bigint | null;
  @Field(() => BigInt, {
    nullable: true,
    description: 'What the operator earned for the epoch: commission + fixedSubsidy.',
  })
  operatorIncome!: bigint | null;
}

@ObjectType('EpochRewards', { description: 'How an epoch’s storage fees were paid out at its end. FROST.' })
export class EpochRewardsType implements EpochRewardsView {
  @Field(() => Int) epoch!: number;
  @Field(() => BigInt, { description: 'The ending epoch’s bucket.' }) bucket!: bigint;
  @Field(() => BigInt) burned!: bigint;
  @Field(() => BigInt) distributed!: bigint;
  @Field(() => BigInt, { description: 'Rounding remainder, carried into the next epoch’s bucket.' })
  leftover!: bigint;
  @Field(() => BigInt, {
    description:
      'The part of the bucket the usage subsidies added (walrus_subsidies tops up new storage payments by its ' +
      'rate), counted over the subsidy runs observed.',
  })
  usageSubsidy!: bigint;
  @Field(() => BigInt, {
    nullable: true,
    description: 'Fixed-rate subsidies paid to the epoch’s committee; null until the payout is seen.',
  })
  fixedSubsidies!: bigint | null;
  @Field(() => [NodeEpochRewardType]) nodes!: NodeEpochRewardType[];
}

@ObjectType('RewardProjection', {
  description:
    'A node’s share of a prepaid future epoch’s bucket, if its shards, commission and the deny lists stay as ' +
    'they are: bucket × (1 − 3% burn) × shards / n_shards, commission at the rate scheduled for that epoch, ' +
    'and the fixed-rate subsidy at today’s parameters. FROST.',
})
export class RewardProjectionType implements RewardProjectionView {
  @Field(() => Int) epoch!: number;
  @Field(() => BigInt) bucket!: bigint;
  @Field(() => BigInt, { description: 'The part of the bucket the usage subsidies added so far.' })
  usageSubsidy!: bigint;
  @Field(() => BigInt) reward!: bigint;
  @Field(() => Int, {
    description: 'Basis points that will be in force then, scheduled changes that will still apply included.',
  })
  commissionRate!: number;
  @Field(() => BigInt) commission!: bigint;
  @Field(() => BigInt) delegatorReward!: bigint;
  @Field(() => BigInt, {
    description: 'The fixed-rate subsidy for serving that epoch, at today’s parameters and shards.',
  })
  fixedSubsidy!: bigint;
}

@ObjectType('Subsidies', {
  description:
    'The walrus_subsidies program as it last stood: storage nodes process it around each epoch change, paying ' +
    'the committee that just served a fixed subsidy as commission and topping up new storage payments.',
})
export class SubsidiesType implements SubsidiesView {
  @Field(() => Int, { description: 'Usage subsidy, basis points of new storage payments.' })
  rateBps!: number;
  @Field(() => BigInt, { description: 'Fixed subsidy per committee member and epoch, FROST.' })
  baseSubsidy!: bigint;
  @Field(() => BigInt, { description: 'Fixed subsidy per shard held, FROST.' })
  subsidyPerShard!: bigint;
  @Field(() => BigInt, { description: 'What the program can still pay, FROST.' })
  poolBalance!: bigint;
  @Field(() => Int, { description: 'The last epoch whose committee was paid.' })
  latestPaidEpoch!: number;
  @Field(() => Date, { nullable: true }) lastProcessedAt!: Date | null;
  @Field(() => Date) updatedAt!: Date;
}
