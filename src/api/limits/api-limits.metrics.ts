import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsRegistry } from 'src/common/metrics-registry';

/** Why the API turned a request away (or cut it short). */
export type RefusalReason =
  | 'query_too_costly'
  | 'rate_limited'
  | 'overloaded'
  | 'timeout'
  | 'response_too_large'
  | 'websocket_connections'
  | 'websocket_subscriptions';

/** What the API's limits did: the refusals by reason, and the statements cancelled in PostgreSQL. */
@Injectable()
export class ApiLimitsMetrics {
  private readonly refusals: Counter<'reason'>;
  private readonly cancelled: Counter;

  constructor(metrics: MetricsRegistry) {
    this.refusals = new Counter({
      name: 'tusk_api_refusals_total',
      help: 'Requests and subscriptions the API refused or cut short, by reason.',
      labelNames: ['reason'],
      registers: [metrics.registry],
    });
    this.cancelled = new Counter({
      name: 'tusk_api_cancelled_statements_total',
      help: 'Statements of requests past their deadline (or abandoned by their client) cancelled in PostgreSQL.',
      registers: [metrics.registry],
    });
  }

  refused(reason: RefusalReason): void {
    this.refusals.inc({ reason });
  }

  statementCancelled(): void {
    this.cancelled.inc();
  }
}
