import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { notFound } from 'src/api/api-errors';
import {
  OperatorConnectionType,
  OperatorOrder,
  OperatorType,
  OperatorWhere,
} from 'src/staking/graphql/operator.types';
import { OperatorsService } from 'src/staking/operators.service';

@Resolver(() => OperatorType)
export class OperatorsResolver {
  constructor(private readonly operators: OperatorsService) {}

  @Query(() => OperatorConnectionType, {
    name: 'operators',
    description: 'Operators, filtered (`where`), ordered (`orderBy`, default stake descending) and paged.',
  })
  async operatorList(
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
    @Args('where', { type: () => OperatorWhere, nullable: true }) where?: OperatorWhere | null,
    @Args('orderBy', { type: () => [OperatorOrder], nullable: true }) orderBy?: OperatorOrder[] | null,
  ): Promise<OperatorConnectionType> {
    return this.operators.list({ first, after, where, orderBy });
  }

  @Query(() => OperatorType)
  async operator(@Args('id') id: string): Promise<OperatorType> {
    const operator = await this.operators.get(id);
    if (operator === undefined) {
      throw notFound(`no storage node ${id}`);
    }
    return operator;
  }
}
