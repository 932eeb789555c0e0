import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from 'src/database/data-source';
import { DatabaseServerModule } from 'src/database/database-server.module';
import { DatabaseServerService } from 'src/database/database-server.service';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [DatabaseServerService],
      useFactory: async (server: DatabaseServerService) => dataSourceOptions(await server.connectionUrl()),
    }),
  ],
})
export class DatabaseModule {}
