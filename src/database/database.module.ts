import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseServerModule } from 'src/database/database-server.module';
import { DatabaseServerService } from 'src/database/database-server.service';

/** Compiled migrations; the schema only ever changes through reviewed migration files. */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', 'migrations', '*.js');

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      imports: [DatabaseServerModule],
      inject: [DatabaseServerService],
      useFactory: async (server: DatabaseServerService) => ({
        type: 'postgres' as const,
        url: await server.connectionUrl(),
        synchronize: false,
        migrations: [MIGRATIONS_GLOB],
        migrationsRun: true,
        autoLoadEntities: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
