import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type EntityList } from 'src/database/data-source';
import { DatabaseServerModule } from 'src/database/database-server.module';
import { DatabaseServerService } from 'src/database/database-server.service';
import { DatabaseControl } from 'src/database/database-control';
import { IndexNotifications } from 'src/database/index-notifications';

/**
 * The database, the notifications of what the indexer committed to it, and the control pool kept
 * apart for cancellations and health checks.
 */
@Global()
@Module({})
export class DatabaseModule {
  /** `entities` is the store's table list, assembled where the application is composed. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [IndexNotifications, DatabaseControl],
      exports: [IndexNotifications, DatabaseControl],
      imports: [
        TypeOrmModule.forRootAsync({
          imports: [DatabaseServerModule],
          inject: [DatabaseServerService],
          useFactory: async (server: DatabaseServerService) =>
            dataSourceOptions(await server.connectionUrl(), entities),
        }),
      ],
    };
  }
}
