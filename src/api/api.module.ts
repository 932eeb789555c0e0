import { ReportsModule } from 'src/reports/reports.module';
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { GraphQLFrontDoor } from 'src/api/graphql-front-door';
import { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { CostlyQueryGate } from 'src/api/limits/costly-query.gate';
import { QueryPrices, QueryPricesModule } from 'src/api/limits/query-prices';
import { ClientRateLimit } from 'src/api/limits/client-rate-limit';
import { ReadSessionMiddleware } from 'src/api/limits/read-session.middleware';
import { requestLimitsPlugin } from 'src/api/limits/request-limits.plugin';
import { webSocketLimits } from 'src/api/limits/websocket-limits';
import type { GraphQLSchema } from 'graphql';
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
import { AvailabilityModule } from 'src/availability/availability.module';
import { AvailabilityService } from 'src/availability/availability.service';
import { freshnessPlugin } from 'src/api/meta/freshness.plugin';
import { MetaModule } from 'src/api/meta/meta.module';
import { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { BigIntScalar } from 'src/api/scalars/bigint.scalar';

/** The metrics of the API's limits, shared by its middleware and its plugins. */
@Module({ providers: [ApiLimitsMetrics], exports: [ApiLimitsMetrics] })
export class ApiLimitsModule {}

/** The GraphQL endpoint, `/graphql`. Resolvers read Postgres only; nothing here talks to the chain. */
@Module({
  imports: [
    CommitteeModule,
    EpochsModule,
    StakingModule,
    ShardMigrationModule,
    AvailabilityModule,
    RewardsModule,
    MetaModule,
    ResponseCacheModule,
    ApiLimitsModule,
    QueryPricesModule,
    PerformanceModule,
    SubscriptionsModule,
    NetworkMetricsModule,
    ReportsModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [
        MetaModule,
        StakingModule,
        PerformanceModule,
        ResponseCacheModule,
        ApiLimitsModule,
        QueryPricesModule,
        AvailabilityModule,
      ],
      inject: [
        ApiLimitsMetrics,
        QueryPrices,
        APP_CONFIG,
        FreshnessTracker,
        OperatorHistoryService,
        StakeSimulationService,
        PerformanceService,
        ResponseCache,
        AvailabilityService,
      ],
      useFactory: (
        limitsMetrics: ApiLimitsMetrics,
        prices: QueryPrices,
        config: AppConfig,
        freshness: FreshnessTracker,
        history: OperatorHistoryService,
        simulation: StakeSimulationService,
        performance: PerformanceService,
        cache: ResponseCache,
        availability: AvailabilityService,
      ) => {
        let built: GraphQLSchema | undefined;
        const schema = (): GraphQLSchema => {
          if (built === undefined) {
            throw new Error('the GraphQL schema is not built yet');
          }
          return built;
        };
        return {
          path: '/graphql',
          // Tusk's API only reads public data and keeps no cookies, so a cross-site request can do
          // nothing a direct one cannot; GET queries must work without a preflight header, as a CDN
          // or a plain link sends them.
          csrfPrevention: false,
          transformSchema: (finished: GraphQLSchema) => {
            built = finished;
            return finished;
          },
          autoSchemaFile: true,
          sortSchema: true,
          // Errors carry a code and a message, never a stack trace.
          includeStacktraceInErrorResponses: false,
          validationRules: [queryLimitsRule],
          // The schema is public: clients and tools read it, whatever NODE_ENV says.
          introspection: true,
          plugins: [
            // Tusk's caching is its own (per checkpoint, src/api/http-caching.ts); Apollo's cache
            // hints would wrap every field's resolver to compute a policy nobody reads.
            ApolloServerPluginCacheControlDisabled() as ApolloServerPlugin,
            queryCostPlugin(
              config.api.queryCostBudget,
              new CostlyQueryGate(
                config.api.costlyQueries.cost,
                config.api.costlyQueries.concurrency,
                config.api.costlyQueries.queue,
                config.api.costlyQueries.share,
              ),
              prices,
              limitsMetrics,
            ),
            // Before the cache's: an answer it turns into an error is then not kept.
            requestLimitsPlugin(config.api.maxResponseBytes, limitsMetrics),
            responseCachePlugin(freshness, cache, config),
            freshnessPlugin(freshness),
          ],
          // Fresh loaders per request: batching never mixes two requests' reads.
          context: () => ({
            operatorLoaders: createOperatorLoaders({ history, simulation, performance, availability }),
          }),
          // Subscriptions over WebSocket (graphql-ws) on the same path, within their own limits.
          subscriptions: {
            'graphql-ws': webSocketLimits(
              { ...config.api.webSocket, queryCostBudget: config.api.queryCostBudget },
              schema,
              limitsMetrics,
            ),
          },
        };
      },
    }),
  ],
  providers: [
    BigIntScalar,
    ClientRateLimit,
    GraphQLFrontDoor,
    ...GRAPHQL_RESOLVERS,
    { provide: APP_FILTER, useClass: GraphQLErrorFilter },
  ],
})
export class ApiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // What reaches Express has passed the front door (rate, known prices, cache): the request's
    // read session opens here, and its deadline runs from here.
    consumer.apply(ReadSessionMiddleware).forRoutes({ path: 'graphql', method: RequestMethod.ALL });
  }
}
