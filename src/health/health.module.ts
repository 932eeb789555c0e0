import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChainModule } from 'src/chain/chain.module';
import { HealthController } from 'src/health/health.controller';
import { IndexerModule } from 'src/indexer/indexer.module';

@Module({})
export class HealthModule {
  /** With the indexer, health also covers the chain and the pipelines. */
  static forRoot({ indexing }: { indexing: boolean }): DynamicModule {
    return {
      module: HealthModule,
      imports: [TerminusModule, ...(indexing ? [ChainModule, IndexerModule] : [])],
      controllers: [HealthController],
    };
  }
}
