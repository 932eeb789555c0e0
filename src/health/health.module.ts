import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChainModule } from 'src/chain/chain.module';
import { HealthController } from 'src/health/health.controller';

@Module({ imports: [TerminusModule, ChainModule], controllers: [HealthController] })
export class HealthModule {}
