import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  WithdrawCall,
  type PositionWithdrawalView,
  type PositionView,
  type PositionEpochRewardView,
  type DelegatorEpochRewardView,
  type DelegatorView,
} from 'src/staking/delegator.views';

registerEnumType(WithdrawCall, {
  name: 'WithdrawCall',
  description: 'A call of the staking contract that takes stake out of a pool.',
  valuesMap: {
    WITHDRAW_STAKE: {
      description:
        '`withdraw_stake`: pays out the principal (and rewards where earned) and destroys the StakedWal.',
    },
    REQUEST_WITHDRAW_STAKE: {
      description:
        '`request_withdraw_stake`: the first step, for stake a committee holds; it sets the withdrawal epoch.',
    },
  },
});

@ObjectType('PositionWithdrawal', {
  description: 'What the staking contract lets the owner do with a position, now and later.',
})
export class PositionWithdrawalType implements PositionWithdrawalView {
  @Field(() => WithdrawCall, {
    nullable: true,
    description: 'The call that succeeds now; null while a requested withdrawal is not yet due.',
  })
  callNow!: WithdrawCall | null;

  @Field(() => Int, {
    description:
      'The first epoch `withdraw_stake` succeeds: now, when a requested withdrawal is due, or (with `afterRequest`) the epoch a `request_withdraw_stake` sent now would set.',
  })
  withdrawStakeFromEpoch!: number;

  @Field({ description: '`withdrawStakeFromEpoch` holds once `request_withdraw_stake` is called.' })
  afterRequest!: boolean;

  @Field({ description: 'Whether `withdraw_stake` pays rewards besides the principal.' })
  paysRewards!: boolean;
}

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

  @Field({
    description:
      '`withdraw_stake` would succeed now: a due withdrawal, stake not yet counted, or stake on a node in neither the current nor the next committee (withdrawn in one step).',
  })
  canWithdrawNow!: boolean;

  @Field({ description: 'Not yet counted by a committee vote: withdrawable at once, without rewards.' })
  canWithdrawEarly!: boolean;

  @Field(() => PositionWithdrawalType, {
    description: 'Which call succeeds now, and from when `withdraw_stake` will.',
  })
  withdrawal!: PositionWithdrawalType;

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
