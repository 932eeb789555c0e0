import { Global, Module } from '@nestjs/common';
import { IndexNotifications } from 'src/database/index-notifications';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from 'src/database/data-source';
import { DatabaseServerModule } from 'src/database/database-server.module';
import { DatabaseServerService } from 'src/database/database-server.service';

/** The database, and the notifications of what the indexer committed to it. */
@Global()
@Module({
  providers: [IndexNotifications],
  exports: [IndexNotifications],
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [DatabaseServerService],
      useFactory: async (server: DatabaseServerService) => dataSourceOptions(await server.connectionUrl()),
    }),
  ],
})
export class DatabaseModule {}
