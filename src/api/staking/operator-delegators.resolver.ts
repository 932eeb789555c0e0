import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { requirePageArgument } from 'src/api/api-errors';
import {
  HolderConnectionType,
  HolderOrderField,
  StakeFlowType,
} from 'src/api/staking/operator-delegators.types';
import { OperatorType } from 'src/api/staking/operator.types';
import { OperatorDelegatorsService } from 'src/staking/operator-delegators.service';

@Resolver(() => OperatorType)
export class OperatorDelegatorsResolver {
  constructor(private readonly service: OperatorDelegatorsService) {}

  @ResolveField(() => HolderConnectionType, {
    description: 'The addresses with live stake on the node, with their principal and positions.',
  })
  async delegators(
    @Parent() operator: OperatorType,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('orderBy', { type: () => HolderOrderField, defaultValue: HolderOrderField.PRINCIPAL })
    orderBy: HolderOrderField = HolderOrderField.PRINCIPAL,
  ): Promise<HolderConnectionType> {
    requirePageArgument('first', first, 500);
    return (await this.service.holders(
      operator.nodeId,
      first,
      orderBy,
      after ?? undefined,
    )) as HolderConnectionType;
  }

  @ResolveField(() => [StakeFlowType], {
    description:
      'Stake added and withdrawn, and delegators joined and left, in each of the last epochs, newest first.',
  })
  async flows(
    @Parent() operator: OperatorType,
    @Args('last', { type: () => Int, defaultValue: 10 }) last: number,
  ): Promise<StakeFlowType[]> {
    requirePageArgument('last', last, 100);
    return this.service.flows(operator.nodeId, last);
  }
}
