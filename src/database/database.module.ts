import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { dataSourceOptions, type EntityList } from 'src/database/data-source';
import { matchBackendPriority } from 'src/database/backend-priority';
import { DatabaseServerModule } from 'src/database/database-server.module';
import { DatabaseServerService } from 'src/database/database-server.service';
import { DatabaseControl } from 'src/database/database-control';
import { IndexNotifications } from 'src/database/index-notifications';
import { ReplicaLag } from 'src/database/replica-lag';

/** Connections of an API process: each request in flight holds one (see ReadSession). */
const API_POOL_SIZE = 20;

/**
 * The database, the notifications of what the indexer committed to it, and the control pool kept
 * apart for cancellations and health checks.
 */
@Global()
@Module({})
export class DatabaseModule {
  /** `entities` is the store's table list, assembled where the application is composed. */
  static forRoot(entities: EntityList): DynamicModule {
    // Read from the configuration as the options are made, for the data source made from them.
    let matchPriority = false;
    return {
      module: DatabaseModule,
      providers: [IndexNotifications, DatabaseControl, ReplicaLag],
      exports: [IndexNotifications, DatabaseControl, ReplicaLag],
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [DatabaseServerModule],
          inject: [DatabaseServerService, APP_CONFIG],
          // A replica is read-only: the primary's indexer migrates, and the replica must have caught up.
          useFactory: async (server: DatabaseServerService, config: AppConfig) => {
            matchPriority = config.databaseBackendPriority === 'this-process';
            return dataSourceOptions(await server.connectionUrl(), entities, {
              migrationsRun: config.database.kind !== 'replica',
              // An API request holds one connection for its whole read session.
              poolSize: config.role === 'api' ? API_POOL_SIZE : 10,
            });
          },
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options as DataSourceOptions).initialize();
            if (matchPriority) {
              matchBackendPriority(dataSource, (options as { url: string }).url);
            }
            if (
              !(options as { migrationsRun?: boolean }).migrationsRun &&
              (await dataSource.showMigrations())
            ) {
              await dataSource.destroy();
              throw new Error(
                'the read replica lacks migrations the primary has not applied yet or not replicated yet: ' +
                  'start the indexer against the primary first, or wait for the replica to catch up',
              );
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}
