import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { CachedResponseMiddleware } from 'src/api/cached-response.middleware';
import { ReadScopeMiddleware } from 'src/api/read-scope.middleware';
import { NetworkMetricsModule } from 'src/metrics/network-metrics.module';
import { SubscriptionsModule } from 'src/api/subscriptions/subscriptions.module';
import { PerformanceModule } from 'src/performance/performance.module';
import { PerformanceService } from 'src/performance/performance.service';
import { createOperatorLoaders } from 'src/api/staking/operator.loaders';
import { ResponseCache, ResponseCacheModule } from 'src/api/response-cache';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLErrorFilter } from 'src/api/graphql-error.filter';
import { GRAPHQL_RESOLVERS } from 'src/api/graphql-schema';
import { queryCostPlugin } from 'src/api/query-cost.plugin';
import { queryLimitsRule } from 'src/api/query-limits';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { responseCachePlugin } from 'src/api/response-cache.plugin';
import { CommitteeModule } from 'src/committee/committee.module';
import { EpochsModule } from 'src/epochs/epochs.module';
import { OperatorHistoryService } from 'src/staking/operator-history.service';
import { StakeSimulationService } from 'src/staking/stake-simulation.service';
import { StakingModule } from 'src/staking/staking.module';
import { RewardsModule } from 'src/rewards/rewards.module';
import { ShardMigrationModule } from 'src/shard-migration/shard-migration.module';
import { freshnessPlugin } from 'src/api/meta/freshness.plugin';
import { MetaModule } from 'src/api/meta/meta.module';
import { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { BigIntScalar } from 'src/api/scalars/bigint.scalar';

/** The GraphQL endpoint, `/graphql`. Resolvers read Postgres only; nothing here talks to the chain. */
@Module({
  imports: [
    CommitteeModule,
    EpochsModule,
    StakingModule,
    ShardMigrationModule,
    RewardsModule,
    MetaModule,
    ResponseCacheModule,
    PerformanceModule,
    SubscriptionsModule,
    NetworkMetricsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [MetaModule, StakingModule, PerformanceModule, ResponseCacheModule],
      inject: [
        APP_CONFIG,
        FreshnessTracker,
        OperatorHistoryService,
        StakeSimulationService,
        PerformanceService,
        ResponseCache,
      ],
      useFactory: (
        config: AppConfig,
        freshness: FreshnessTracker,
        history: OperatorHistoryService,
        simulation: StakeSimulationService,
        performance: PerformanceService,
        cache: ResponseCache,
      ) => ({
        path: '/graphql',
        autoSchemaFile: true,
        sortSchema: true,
        // Errors carry a code and a message, never a stack trace.
        includeStacktraceInErrorResponses: false,
        validationRules: [queryLimitsRule],
        plugins: [
          queryCostPlugin(config.api.queryCostBudget),
          responseCachePlugin(freshness, cache),
          freshnessPlugin(freshness),
        ],
        // Fresh loaders per request: batching never mixes two requests' reads.
        context: () => ({ operatorLoaders: createOperatorLoaders({ history, simulation, performance }) }),
        // Subscriptions over WebSocket (graphql-ws) on the same path.
        subscriptions: { 'graphql-ws': true },
      }),
    }),
  ],
  providers: [BigIntScalar, ...GRAPHQL_RESOLVERS, { provide: APP_FILTER, useClass: GraphQLErrorFilter }],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(ReadScopeMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
    consumer.apply(CachedResponseMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.POST });
  }
}
