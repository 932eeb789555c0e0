import { Controller, Get, Header } from '@nestjs/common';
import { AggregatorRegistry } from 'prom-client';
import { CostlyQueryProcess, type MetricsAsJson } from 'src/common/costly-query-process';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { IndexerProcessStatus } from 'src/metrics/indexer-process.status';

@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly indexer: IndexerProcessStatus,
    private readonly costlyQueries: CostlyQueryProcess,
  ) {}

  /** This process's metrics, and the indexer process's where it runs beside this one. */
  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape(): Promise<string> {
    if (!this.indexer.present) {
      return this.ownMetrics();
    }
    const [own, indexer] = await Promise.all([this.ownMetrics(), this.indexer.metrics()]);
    return `${indexer}${indexer.endsWith('\n') || indexer === '' ? '' : '\n'}${own}`;
  }

  /**
   * This process's metrics, with those of the process running its costly queries where it runs:
   * their counters and histograms added up (requests refused or answered by either are the API's),
   * gauges read here alone (both read the same index; a process's own readings are this one's).
   */
  private async ownMetrics(): Promise<string> {
    const costly = await this.costlyQueries.metrics();
    if (costly === undefined) {
      return this.metrics.registry.metrics();
    }
    const own = await this.metrics.registry.getMetricsAsJSON();
    const additive: MetricsAsJson = costly.filter(
      (metric) => String(metric.type) === 'counter' || String(metric.type) === 'histogram',
    );
    return AggregatorRegistry.aggregate([own, additive]).metrics();
  }
}
