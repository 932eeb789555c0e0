import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, requireEpochArgument, requirePageArgument } from 'src/api/api-errors';
import {
  EpochRewardsType,
  NodeEpochRewardType,
  RewardProjectionType,
  SubsidiesType,
} from 'src/api/rewards/rewards.types';
import { PendingCommissionStatus } from 'src/staking/operator.views';
import { RewardsService } from 'src/rewards/rewards.service';
import { OperatorType } from 'src/api/staking/operator.types';

@Resolver(() => OperatorType)
export class RewardsResolver {
  constructor(private readonly rewards: RewardsService) {}

  @Query(() => EpochRewardsType, {
    description:
      'How the storage fees of an epoch were paid out at its end, node by node, checked against the chain.',
  })
  async epochRewards(@Args('epoch', { type: () => Int }) epochArgument: number): Promise<EpochRewardsType> {
    const epoch = requireEpochArgument(epochArgument) ?? 0;
    const rewards = await this.rewards.epochRewards(epoch);
    if (rewards === undefined) {
      throw notFound(`the system state of epoch ${epoch} is not indexed`);
    }
    return rewards;
  }

  @ResolveField(() => [NodeEpochRewardType], {
    description: 'Rewards of the last epochs the node was paid for, newest first.',
  })
  async rewardHistory(
    @Parent() operator: OperatorType,
    @Args('last', { type: () => Int, defaultValue: 10 }) last: number,
  ): Promise<NodeEpochRewardType[]> {
    requirePageArgument('last', last, 100);
    return this.rewards.nodeRewards(operator.nodeId, last);
  }

  @ResolveField(() => [RewardProjectionType], {
    description:
      'The node’s share of each prepaid coming epoch, at its current shards, with the commission scheduled for ' +
      'that epoch and the fixed-rate subsidy.',
  })
  async rewardProjections(@Parent() operator: OperatorType): Promise<RewardProjectionType[]> {
    return this.rewards.projections(
      operator.nodeId,
      operator.commissionRate,
      operator.pendingCommissionRates.map((entry) => ({
        effectiveEpoch: entry.effectiveEpoch,
        rate: entry.rate,
        applies:
          entry.status === PendingCommissionStatus.PENDING ||
          entry.status === PendingCommissionStatus.DUE_AT_NEXT_ADVANCE,
      })),
    );
  }

  @Query(() => SubsidiesType, {
    nullable: true,
    description: 'The walrus_subsidies program; null on a chain without one.',
  })
  async subsidies(): Promise<SubsidiesType | null> {
    return (await this.rewards.subsidies()) ?? null;
  }
}
