import { Inject, Injectable, Optional } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';

/**
 * The process's Prometheus registry. One per application rather than prom-client's global one, so
 * that two Tusk applications in one process (tests, a standby beside a leader) never collide.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  /**
   * An API process beside its indexer (`tusk start`) names its process metrics `tusk_api_…`: the
   * public `/metrics` carries both processes' and their names must not collide.
   */
  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    collectDefaultMetrics({
      register: this.registry,
      prefix: config?.indexerStatusUrl === undefined ? 'tusk_' : 'tusk_api_',
    });
  }
}
