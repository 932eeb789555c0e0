import { Module } from '@nestjs/common';
import { DatabaseServerService } from 'src/database/database-server.service';

@Module({ providers: [DatabaseServerService], exports: [DatabaseServerService] })
export class DatabaseServerModule {}
