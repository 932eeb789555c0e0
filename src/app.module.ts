import { type DynamicModule, Module } from '@nestjs/common';
import type * as ScheduleModuleFile from '@nestjs/schedule';
import type * as ApiModuleFile from 'src/api/api.module';
import { ApiProcessModule } from 'src/boot/api-process.supervisor';
import { CostlyQueryProcessSupervisorModule } from 'src/boot/costly-query-process.supervisor';
import { CostlyQueryProcessModule } from 'src/common/costly-query-process';
import { appLoggingModule } from 'src/boot/app-logging';
import type { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { DatabaseModule } from 'src/database/database.module';
import { LocalNetworkModule } from 'src/devnet/local-network.module';
import { HealthModule } from 'src/health/health.module';
import type * as IndexerModuleFile from 'src/indexer/indexer.module';
import { MetricsModule } from 'src/metrics/metrics.module';
import { STORE_ENTITIES } from 'src/store/store.entities';
import { StoreModule } from 'src/store/store.module';
import type * as WebPageModuleFile from 'src/web/web-page.module';
import type * as ShardMigrationOrchestrationModuleFile from 'src/shard-migration/shard-migration-orchestration.module';

@Module({})
export class AppModule {
  /** The role decides what runs: the indexer (`indexer`), the API (`api`), or both (`all`). */
  static forRoot(
    config: AppConfig,
    {
      quiet = false,
      superviseApi = false,
      superviseCostlyQueries = false,
    }: { quiet?: boolean; superviseApi?: boolean; superviseCostlyQueries?: boolean } = {},
  ): DynamicModule {
    const indexing = config.role !== 'api';
    const serving = config.role !== 'indexer';
    return {
      module: AppModule,
      imports: [
        appLoggingModule({ quiet }),
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(STORE_ENTITIES),
        StoreModule,
        LocalNetworkModule.forRoot(config),
        MetricsModule,
        CostlyQueryProcessModule,
        HealthModule.forRoot({ indexing }),
        ...(indexing ? indexingModules() : []),
        ...(serving ? servingModules() : []),
        // The indexer of `tusk start`, with the API in a process of its own beside it.
        ...(superviseApi ? [ApiProcessModule] : []),
        // An API served by `tusk start`, with its costly queries in a process of their own.
        ...(superviseCostlyQueries ? [CostlyQueryProcessSupervisorModule] : []),
      ],
    };
  }
}

/*
 * Each side's modules (the indexer's; the API's, with GraphQL and the web page) are required only
 * in a process that runs that side, hence `require` rather than imports: the API's alone cost an
 * indexer process about 12 MB of heap and 20 MB of RSS before it serves anything.
 */
/* eslint-disable @typescript-eslint/no-require-imports */

function indexingModules(): NonNullable<DynamicModule['imports']> {
  const { ScheduleModule } = require('@nestjs/schedule') as typeof ScheduleModuleFile;
  const { IndexerModule } = require('./indexer/indexer.module') as typeof IndexerModuleFile;
  const { ShardMigrationOrchestrationModule } =
    require('./shard-migration/shard-migration-orchestration.module') as typeof ShardMigrationOrchestrationModuleFile;
  // The scheduler runs the leader's periodic jobs: only where the indexer runs.
  return [ScheduleModule.forRoot(), IndexerModule, ShardMigrationOrchestrationModule];
}

function servingModules(): NonNullable<DynamicModule['imports']> {
  const { ApiModule } = require('./api/api.module') as typeof ApiModuleFile;
  const { WebPageModule } = require('./web/web-page.module') as typeof WebPageModuleFile;
  return [ApiModule, WebPageModule.forRoot()];
}
/* eslint-enable @typescript-eslint/no-require-imports */
