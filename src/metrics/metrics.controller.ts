import { Controller, Get, Header } from '@nestjs/common';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { IndexerProcessStatus } from 'src/metrics/indexer-process.status';

@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly indexer: IndexerProcessStatus,
  ) {}

  /** This process's metrics, and the indexer process's where it runs beside this one. */
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    if (!this.indexer.present) {
      return this.metrics.registry.metrics();
    }
    const [own, indexer] = await Promise.all([this.metrics.registry.metrics(), this.indexer.metrics()]);
    return `${indexer}${indexer.endsWith('\n') || indexer === '' ? '' : '\n'}${own}`;
  }
}
