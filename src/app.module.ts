import { type DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { ApiModule } from 'src/api/api.module';
import { ApiProcessModule } from 'src/boot/api-process.supervisor';
import { appLoggingModule } from 'src/boot/app-logging';
import type { AppConfig } from 'src/config/app-config';
import { ConfigModule } from 'src/config/config.module';
import { DatabaseModule } from 'src/database/database.module';
import { LocalNetworkModule } from 'src/devnet/local-network.module';
import { HealthModule } from 'src/health/health.module';
import { IndexerModule } from 'src/indexer/indexer.module';
import { MetricsModule } from 'src/metrics/metrics.module';
import { STORE_ENTITIES } from 'src/store/store.entities';
import { StoreModule } from 'src/store/store.module';
import { WebPageModule } from 'src/web/web-page.module';
import { ShardMigrationOrchestrationModule } from 'src/shard-migration/shard-migration-orchestration.module';

@Module({})
export class AppModule {
  /** The role decides what runs: the indexer (`indexer`), the API (`api`), or both (`all`). */
  static forRoot(
    config: AppConfig,
    { quiet = false, superviseApi = false }: { quiet?: boolean; superviseApi?: boolean } = {},
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
        HealthModule.forRoot({ indexing }),
        // The scheduler runs the leader's periodic jobs: only where the indexer runs.
        ...(indexing ? [ScheduleModule.forRoot(), IndexerModule, ShardMigrationOrchestrationModule] : []),
        ...(serving ? [ApiModule, WebPageModule.forRoot()] : []),
        // The indexer of `tusk start`, with the API in a process of its own beside it.
        ...(superviseApi ? [ApiProcessModule] : []),
      ],
    };
  }
}
