import { Args, Query, Resolver } from '@nestjs/graphql';
import { notFound } from 'src/api/api-errors';
import { DelegatorsService } from 'src/staking/delegators.service';
import { DelegatorType } from 'src/staking/graphql/delegator.types';

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
}
