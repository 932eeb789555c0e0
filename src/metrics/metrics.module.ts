import { Global, Module } from '@nestjs/common';
import { MetricsController } from 'src/metrics/metrics.controller';
import { MetricsRegistry } from 'src/common/metrics-registry';

/** `/metrics` in the Prometheus text format; every module registers its metrics on the registry. */
@Global()
@Module({ providers: [MetricsRegistry], controllers: [MetricsController], exports: [MetricsRegistry] })
export class MetricsModule {}
