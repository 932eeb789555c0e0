import { Field, Int, ObjectType } from '@nestjs/graphql';
import {
  type PositionView,
  type PositionEpochRewardView,
  type DelegatorEpochRewardView,
  type DelegatorView,
} from 'src/staking/delegator.views';

@ObjectType('Position', { description: 'One StakedWal object.' })
export class PositionType implements PositionView {
  @Field()
  objectId!: string;

  @Field()
  nodeId!: string;

  @Field(() => String, { nullable: true })
  nodeName!: string | null;

  @Field(() => BigInt, { description: 'FROST.' })
  principal!: bigint;

  @Field({ description: '`staked` or `withdrawing`.' })
  state!: string;

  @Field(() => Int, { description: 'Epoch from which the stake counts and earns.' })
  activationEpoch!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'For a withdrawal in progress: the epoch it can be completed.',
  })
  withdrawEpoch!: number | null;

  @Field({ description: 'Active in the current epoch.' })
  active!: boolean;

  @Field({ description: '`withdraw_stake` would succeed now (a due withdrawal, or stake not yet counted).' })
  canWithdrawNow!: boolean;

  @Field({ description: 'Not yet counted by a committee vote: withdrawable at once, without rewards.' })
  canWithdrawEarly!: boolean;

  @Field(() => BigInt, {
    description:
      'Rewards earned to date (`calculate_rewards` from activation to now, or to the withdrawal epoch), FROST.',
  })
  rewards!: bigint;
}

@ObjectType('PositionEpochReward')
export class PositionEpochRewardType implements PositionEpochRewardView {
  @Field()
  objectId!: string;

  @Field()
  nodeId!: string;

  @Field(() => String, { nullable: true })
  nodeName!: string | null;

  @Field(() => BigInt, { description: 'FROST.' })
  rewards!: bigint;
}

@ObjectType('DelegatorEpochReward', {
  description:
    'What the address’s live positions earned in one epoch: the growth of each position’s value from the ' +
    'pool’s rate recorded at the epoch’s start to the one recorded at the next.',
})
export class DelegatorEpochRewardType implements DelegatorEpochRewardView {
  @Field(() => Int, { description: 'The epoch the rewards were earned in (paid when it ended).' })
  epoch!: number;

  @Field(() => BigInt, { description: 'FROST, over all positions.' })
  rewards!: bigint;

  @Field(() => [PositionEpochRewardType], { description: 'Positions that counted in the epoch.' })
  positions!: PositionEpochRewardType[];
}

@ObjectType('Delegator', { description: 'An address’s stake across operators.' })
export class DelegatorType implements DelegatorView {
  @Field()
  address!: string;

  @Field(() => Int, { description: 'The current epoch the figures are computed at.' })
  epoch!: number;

  @Field(() => BigInt)
  totalPrincipal!: bigint;

  @Field(() => BigInt)
  totalRewards!: bigint;

  @Field(() => [PositionType])
  positions!: PositionType[];
}
