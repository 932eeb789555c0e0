import { Args, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, requirePageArgument } from 'src/api/api-errors';
import { DelegatorsService } from 'src/staking/delegators.service';
import { DelegatorEpochRewardType, DelegatorType } from 'src/api/staking/delegator.types';

@Resolver(() => DelegatorType)
export class DelegatorsResolver {
  constructor(private readonly delegators: DelegatorsService) {}

  @Query(() => DelegatorType, {
    description: 'Every live StakedWal an address owns, with withdrawal options and rewards to date.',
  })
  async delegator(@Args('address') address: string): Promise<DelegatorType> {
    const delegator = await this.delegators.delegator(address);
    if (delegator === undefined) {
      throw notFound('nothing is indexed yet');
    }
    return delegator;
  }

  @ResolveField(() => [DelegatorEpochRewardType], {
    description: 'What the live positions earned in each of the last completed epochs, newest first.',
  })
  async rewardHistory(
    @Parent() delegator: DelegatorType,
    @Args('last', { type: () => Int, defaultValue: 10 }) last: number,
  ): Promise<DelegatorEpochRewardType[]> {
    requirePageArgument('last', last, 100);
    return this.delegators.rewardHistory(delegator.address, last);
  }
}
