import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  OperatorOrderField,
  OrderDirection,
  PendingCommissionStatus,
  type PendingCommissionView,
  type VotesView,
  type OperatorView,
  type PageInfoView,
  type OperatorEdgeView,
  type OperatorConnectionView,
  type OperatorOrdering,
  type OperatorFilter,
  type StakeOutlookView,
  type OperatorEpochView,
  type ExchangeRateView,
  type StakeSimulationView,
  type ScoreComponentView,
  type PerformanceScoreView,
  type ApyWindowView,
} from 'src/staking/operator.views';

registerEnumType(PendingCommissionStatus, {
  name: 'PendingCommissionStatus',
  description:
    'What advance_epoch will do with a scheduled rate. The deployed contracts (Staking interface version 3) ' +
    'apply a rate only in exactly its epoch, so one whose epoch passed while the pool was in no committee ' +
    'never applies; from version 4 the latest due rate applies at the pool’s next advance.',
  valuesMap: {
    PENDING: {
      description: 'Its epoch is ahead: it applies then if the pool takes part in that epoch change.',
    },
    LAPSED: { description: 'Its epoch passed without the pool being advanced: it will never apply.' },
    DUE_AT_NEXT_ADVANCE: { description: 'Past due: the pool applies it at its next advance (version 4 on).' },
    SUPERSEDED: { description: 'Past due, but a later due rate replaces it at the next advance.' },
  },
});

@ObjectType('PendingCommission')
export class PendingCommissionType implements PendingCommissionView {
  @Field(() => Int, { description: 'Epoch from which the rate applies.' })
  effectiveEpoch!: number;

  @Field(() => Int, { description: 'Basis points.' })
  rate!: number;

  @Field(() => PendingCommissionStatus)
  status!: PendingCommissionStatus;

  @Field(() => Int, {
    description:
      'The last epoch in which a delegator’s `request_withdraw_stake` keeps this rate off their stake (the rate first applies to the rewards of `effectiveEpoch`).',
  })
  avoidByRequestInEpoch!: number;

  @Field(() => Date, {
    nullable: true,
    description:
      'The earliest moment that epoch’s voting_end may run: a withdrawal requested before it avoids the rate. Null when too late, or while a handoff hides the schedule.',
  })
  avoidRequestBefore!: Date | null;

  @Field({ description: 'Whether it is already too late to withdraw before the rate applies.' })
  tooLateToAvoid!: boolean;
}

@ObjectType('Votes')
export class VotesType implements VotesView {
  @Field(() => BigInt, { description: 'FROST per unit size per epoch.' })
  storagePrice!: bigint;

  @Field(() => BigInt, { description: 'FROST per unit size.' })
  writePrice!: bigint;

  @Field(() => BigInt, { description: 'Bytes.' })
  nodeCapacity!: bigint;
}

@ObjectType('Operator', { description: 'A storage node operator, as a delegator compares them.' })
export class OperatorType implements OperatorView {
  @Field({ description: 'Node ID, which is also the staking pool’s object ID.' })
  nodeId!: string;

  @Field()
  name!: string;

  @Field()
  networkAddress!: string;

  @Field({ description: '`active`, `withdrawing` or `withdrawn`.' })
  state!: string;

  @Field(() => BigInt, { description: 'The pool’s WAL balance, FROST.' })
  stake!: bigint;

  @Field(() => Int, { description: 'Shards held in the current committee.' })
  shards!: number;

  @Field()
  inCommittee!: boolean;

  @Field(() => Int, { description: 'Commission now, basis points.' })
  commissionRate!: number;

  @Field(() => [PendingCommissionType], {
    description: 'Scheduled changes, with the epoch each takes effect and whether it still will.',
  })
  pendingCommissionRates!: PendingCommissionType[];

  @Field(() => Int)
  activationEpoch!: number;

  @Field(() => VotesType)
  votes!: VotesType;

  @Field(() => Int, {
    nullable: true,
    description: 'Rank by stake in the active set (1 = most); null outside it.',
  })
  activeSetRank!: number | null;

  @Field(() => Int, { description: 'Addresses holding a live StakedWal on this node.' })
  delegatorCount!: number;
}

@ObjectType('PageInfo')
export class PageInfoType implements PageInfoView {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType('OperatorEdge')
export class OperatorEdgeType implements OperatorEdgeView {
  @Field()
  cursor!: string;

  @Field(() => OperatorType)
  node!: OperatorType;
}

@ObjectType('OperatorConnection')
export class OperatorConnectionType implements OperatorConnectionView {
  @Field(() => [OperatorEdgeType])
  edges!: OperatorEdgeType[];

  @Field(() => PageInfoType)
  pageInfo!: PageInfoType;

  @Field(() => Int)
  totalCount!: number;
}

registerEnumType(OperatorOrderField, {
  name: 'OperatorOrderField',
  valuesMap: {
    apy: {
      description:
        'The APY of the longest window of at most 10 epochs the pool was active throughout; operators without one come last.',
    },
    score: { description: 'The performance score over the last 10 epochs; operators without one come last.' },
  },
});

registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class OperatorOrder implements OperatorOrdering {
  @Field(() => OperatorOrderField)
  field!: OperatorOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.desc })
  direction!: OrderDirection;
}

@InputType({ description: 'Filters, combined with AND; `AND` and `OR` nest them.' })
export class OperatorWhere implements OperatorFilter {
  @Field(() => String, { nullable: true })
  name_contains?: string | null;

  @Field(() => [String], { nullable: true })
  nodeId_in?: string[] | null;

  @Field(() => BigInt, { nullable: true })
  stake_gt?: bigint | null;

  @Field(() => BigInt, { nullable: true })
  stake_gte?: bigint | null;

  @Field(() => BigInt, { nullable: true })
  stake_lt?: bigint | null;

  @Field(() => BigInt, { nullable: true })
  stake_lte?: bigint | null;

  @Field(() => Int, { nullable: true })
  shards_gt?: number | null;

  @Field(() => Int, { nullable: true })
  shards_lt?: number | null;

  @Field(() => Int, { nullable: true })
  commissionRate_lt?: number | null;

  @Field(() => Int, { nullable: true })
  commissionRate_lte?: number | null;

  @Field(() => Int, { nullable: true })
  commissionRate_gt?: number | null;

  @Field(() => Boolean, { nullable: true })
  inCommittee?: boolean | null;

  @Field(() => [OperatorWhere], { nullable: true })
  AND?: OperatorWhere[] | null;

  @Field(() => [OperatorWhere], { nullable: true })
  OR?: OperatorWhere[] | null;
}

@ObjectType('StakeOutlook', {
  description: 'Where a node stands in the committee the current active set would select.',
})
export class StakeOutlookType implements StakeOutlookView {
  @Field(() => Int, {
    nullable: true,
    description: 'Rank by stake in the active set (1 = most); null outside it.',
  })
  rank!: number | null;

  @Field(() => Int)
  activeSetSize!: number;

  @Field(() => Int, {
    description: 'Shards it would get were the committee selected from the active set now.',
  })
  shards!: number;

  @Field(() => Int, { description: 'Most shards one node may get.' })
  shardCap!: number;

  @Field({ description: 'At the shard cap: more stake earns no more shards, so it dilutes.' })
  saturated!: boolean;

  @Field(() => BigInt, {
    nullable: true,
    description: 'The smallest active-set stake that still earns a shard: the committee-exit line.',
  })
  smallestStakeWithShards!: bigint | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Stake / (total / (n_shards + 1) + 1): shards the stake guarantees before the d’Hondt rounds; below 1, ' +
      'not even one.',
  })
  guaranteedShards!: number | null;
}

@ObjectType('OperatorEpoch', { description: 'A node in one epoch.' })
export class OperatorEpochType implements OperatorEpochView {
  @Field(() => Int)
  epoch!: number;

  @Field(() => BigInt, { description: 'Pool balance at the end of the epoch, FROST.' })
  stake!: bigint;

  @Field(() => Int)
  shards!: number;

  @Field(() => Int, { description: 'Commission in force, basis points.' })
  commissionRate!: number;
}

@ObjectType('ExchangeRate', { description: 'WAL per pool share recorded at an epoch.' })
export class ExchangeRateType implements ExchangeRateView {
  @Field(() => Int)
  epoch!: number;

  @Field(() => BigInt, { description: 'WAL side of the rate, FROST (shares at par when flat).' })
  walAmount!: bigint;

  @Field(() => BigInt)
  shareAmount!: bigint;
}

@ObjectType('StakeSimulation', { description: 'What a new stake would do.' })
export class StakeSimulationType implements StakeSimulationView {
  @Field()
  nodeId!: string;

  @Field(() => BigInt)
  amount!: bigint;

  @Field(() => Int, {
    description: 'Epoch from which the stake counts: next epoch, or the one after once voting_end has run.',
  })
  activationEpoch!: number;

  @Field(() => StakeOutlookType, { description: 'The node in the committee the active set selects now…' })
  before!: StakeOutlookType;

  @Field(() => StakeOutlookType, { description: '…and with the stake added.' })
  after!: StakeOutlookType;

  @Field(() => Float, {
    nullable: true,
    description:
      'Rewards per staked WAL after relative to before (0.9: each WAL on the node earns 10% less).',
  })
  yieldPerWalRatio!: number | null;
}

@ObjectType('ScoreComponent', { description: 'One part of the performance score: a share in 0..1.' })
export class ScoreComponentType implements ScoreComponentView {
  @Field({ description: 'reachability, active, readiness, handoffs, attestations, denyList or slashing.' })
  name!: string;

  @Field(() => Float, { description: 'Its weight; weights of components without data go to the others.' })
  weight!: number;

  @Field(() => Float)
  value!: number;

  @Field({ description: 'What it was computed from.' })
  inputs!: string;
}

@ObjectType('PerformanceScore', {
  description:
    'A node’s performance over the last epochs, 0–100: the weighted mean of the components that could be ' +
    'observed (health polls, handoffs, attestations, deny list). Handoffs without gains are not counted.',
})
export class PerformanceScoreType implements PerformanceScoreView {
  @Field(() => Float, { nullable: true, description: 'Null when nothing about the node was observed.' })
  score!: number | null;

  @Field(() => Int)
  fromEpoch!: number;

  @Field(() => Int)
  toEpoch!: number;

  @Field(() => [ScoreComponentType])
  components!: ScoreComponentType[];
}

@ObjectType('ApyWindow', {
  description:
    'Annualised yield over a window ending at the latest recorded exchange rate: ' +
    '(ER_to / ER_from)^(365 days / elapsed) − 1, ER = WAL per pool share, elapsed = the time from the start ' +
    'of fromEpoch to the start of toEpoch as observed (EpochChangeStart), since real epochs run longer ' +
    'than the nominal duration; only windows in which the pool was active throughout.',
})
export class ApyWindowType implements ApyWindowView {
  @Field(() => Int, {
    nullable: true,
    description: 'Window length in epochs; null for the whole recorded life.',
  })
  epochs!: number | null;

  @Field(() => Int)
  fromEpoch!: number;

  @Field(() => Int)
  toEpoch!: number;

  @Field(() => Float, { description: 'ER_to / ER_from.' })
  growth!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'As a fraction: 0.08 is 8% a year. Null when too large for a float (seconds-long epochs).',
  })
  apy!: number | null;

  @Field(() => Float, {
    description: 'From the start of fromEpoch to the start of toEpoch, in milliseconds.',
  })
  elapsedMs!: number;

  @Field(() => Int, {
    description:
      'Epochs of the window whose start or end was not indexed, each taken at the nominal epoch duration.',
  })
  nominalEpochs!: number;

  @Field(() => Float, { description: 'The window’s epochs scaled to a year of its elapsed time.' })
  epochsPerYear!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'The same yield had the usage subsidies not topped up the buckets: apy − this is their part. Fixed-rate ' +
      'subsidies are commission and never reach delegators.',
  })
  apyWithoutUsageSubsidies!: number | null;

  @Field(() => Float, { description: 'growth had the usage subsidies not topped up the buckets.' })
  growthWithoutUsageSubsidies!: number;
}
