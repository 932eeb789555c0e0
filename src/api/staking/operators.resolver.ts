import { Args, Context, Int, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { notFound, requirePageArgument } from 'src/api/api-errors';
import { AsOfInput } from 'src/api/as-of.input';
import {
  ApyWindowType,
  ExchangeRateType,
  PerformanceScoreType,
  OperatorConnectionType,
  OperatorEpochType,
  StakeOutlookType,
  StakeSimulationType,
  OperatorOrder,
  OperatorType,
  OperatorWhere,
} from 'src/api/staking/operator.types';
import { OperatorHistoryService } from 'src/staking/operator-history.service';
import { OperatorsService } from 'src/staking/operators.service';
import { StakeSimulationService } from 'src/staking/stake-simulation.service';
import { primingSink, type OperatorLoaders } from 'src/api/staking/operator.loaders';
import { NodeIdentityChangeType, NodeIdentityType } from 'src/api/staking/operator-identity.types';

@Resolver(() => OperatorType)
export class OperatorsResolver {
  constructor(
    private readonly operators: OperatorsService,
    private readonly operatorHistory: OperatorHistoryService,
    private readonly simulation: StakeSimulationService,
  ) {}

  @Query(() => OperatorConnectionType, {
    name: 'operators',
    description: 'Operators, filtered (`where`), ordered (`orderBy`, default stake descending) and paged.',
  })
  async operatorList(
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', {
      type: () => String,
      nullable: true,
      description:
        'An `endCursor` of the same ordering. The next page starts right after that operator’s place in the order, ' +
        'so operators whose stake, APY or score moved meanwhile shift no one else out of the pages.',
    })
    after?: string | null,
    @Args('where', { type: () => OperatorWhere, nullable: true }) where?: OperatorWhere | null,
    @Args('orderBy', { type: () => [OperatorOrder], nullable: true }) orderBy?: OperatorOrder[] | null,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput | null,
    @Context('operatorLoaders') loaders?: OperatorLoaders,
  ): Promise<OperatorConnectionType> {
    return this.operators.list({ first, after, where, orderBy, asOf }, primingSink(loaders));
  }

  @Query(() => OperatorType)
  async operator(
    @Args('id') id: string,
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput | null,
  ): Promise<OperatorType> {
    const operator = await this.operators.get(id, asOf);
    if (operator === undefined) {
      throw notFound(`no storage node ${id}`);
    }
    return operator;
  }

  @ResolveField(() => StakeOutlookType, {
    nullable: true,
    description:
      'Committee-exit risk and saturation: the node in the committee the active set would select now.',
  })
  async outlook(
    @Parent() operator: OperatorType,
    @Context('operatorLoaders') loaders: OperatorLoaders,
  ): Promise<StakeOutlookType | null> {
    return (await loaders.outlook.load(operator.nodeId)) ?? null;
  }

  @ResolveField(() => [ApyWindowType], {
    description: 'APY over 1, 3 and 10 epochs and the pool’s lifetime, each with its inputs.',
  })
  async apy(
    @Parent() operator: OperatorType,
    @Context('operatorLoaders') loaders: OperatorLoaders,
  ): Promise<ApyWindowType[]> {
    return loaders.apy.load(operator.nodeId);
  }

  @ResolveField(() => PerformanceScoreType, {
    description: 'Performance over the last 10 epochs, 0–100, with each component and its inputs.',
  })
  async score(
    @Parent() operator: OperatorType,
    @Context('operatorLoaders') loaders: OperatorLoaders,
  ): Promise<PerformanceScoreType> {
    return loaders.score.load(operator.nodeId);
  }

  @ResolveField(() => [OperatorEpochType], {
    description: 'Stake, shards and commission per epoch, newest first.',
  })
  async history(
    @Parent() operator: OperatorType,
    @Args('last', { type: () => Int, defaultValue: 30 }) last: number,
    @Context('operatorLoaders') loaders: OperatorLoaders,
  ): Promise<OperatorEpochType[]> {
    requirePageArgument('last', last, 1000);
    return (await loaders.history.load(operator.nodeId)).slice(0, last);
  }

  @ResolveField(() => [ExchangeRateType], { description: 'Exchange rates the pool recorded, newest first.' })
  async exchangeRates(@Parent() operator: OperatorType): Promise<ExchangeRateType[]> {
    return this.operatorHistory.exchangeRates(operator.nodeId);
  }

  @ResolveField(() => NodeIdentityType, {
    nullable: true,
    description: 'Its keys, who collects its commission and votes for it, and how it describes itself.',
  })
  async identity(
    @Parent() operator: OperatorType,
    @Context('operatorLoaders') loaders: OperatorLoaders,
  ): Promise<NodeIdentityType | null> {
    return (await loaders.identity.load(operator.nodeId)) ?? null;
  }

  @ResolveField(() => [NodeIdentityChangeType], {
    description: 'How its name, network address, keys and authorisations changed, newest first.',
  })
  async identityChanges(
    @Parent() operator: OperatorType,
    @Args('last', { type: () => Int, defaultValue: 10 }) last: number,
  ): Promise<NodeIdentityChangeType[]> {
    requirePageArgument('last', last, 100);
    return this.operatorHistory.identityChanges(operator.nodeId, last);
  }

  @ResolveField(() => BigInt, {
    description: 'Live stake its operator (the StorageNodeCap owner) holds in the pool, FROST.',
  })
  async selfStake(
    @Parent() operator: OperatorType,
    @Context('operatorLoaders') loaders: OperatorLoaders,
  ): Promise<bigint> {
    return loaders.selfStake.load(operator.nodeId);
  }

  @Query(() => StakeSimulationType, {
    description: 'What staking `amount` FROST on a node would do: activation, its shards, the yield per WAL.',
  })
  async simulateStake(
    @Args('nodeId') nodeId: string,
    @Args('amount', { type: () => BigInt }) amount: bigint,
  ): Promise<StakeSimulationType> {
    const simulation = await this.simulation.simulate(nodeId, amount);
    if (simulation === undefined) {
      throw notFound(`no storage node ${nodeId}`);
    }
    return simulation;
  }
}
