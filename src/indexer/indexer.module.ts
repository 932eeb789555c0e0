import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChainModule } from 'src/chain/chain.module';
import { IndexerHealthIndicator } from 'src/indexer/indexer-health.indicator';
import { IndexerMetrics } from 'src/indexer/indexer.metrics';
import { IndexerService } from 'src/indexer/indexer.service';

@Module({
  imports: [TerminusModule, ChainModule],
  providers: [IndexerService, IndexerMetrics, IndexerHealthIndicator],
  exports: [IndexerService, IndexerHealthIndicator],
})
export class IndexerModule {}
