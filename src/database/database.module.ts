import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions, type EntityList } from 'src/database/data-source';
import { DatabaseServerModule } from 'src/database/database-server.module';
import { DatabaseServerService } from 'src/database/database-server.service';
import { IndexNotifications } from 'src/database/index-notifications';

/** The database, and the notifications of what the indexer committed to it. */
@Global()
@Module({})
export class DatabaseModule {
  /** `entities` is the store's table list, assembled where the application is composed. */
  static forRoot(entities: EntityList): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [IndexNotifications],
      exports: [IndexNotifications],
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
