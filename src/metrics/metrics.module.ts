import { Global, Module } from '@nestjs/common';
import { MetricsController } from 'src/metrics/metrics.controller';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { IndexerProcessStatus } from 'src/metrics/indexer-process.status';

/** `/metrics` in the Prometheus text format; every module registers its metrics on the registry. */
@Global()
@Module({
  providers: [MetricsRegistry, IndexerProcessStatus],
  controllers: [MetricsController],
  exports: [MetricsRegistry, IndexerProcessStatus],
})
export class MetricsModule {}
