import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
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
  private readonly refusalSeconds: Histogram<'reason'>;
  private readonly forwarded: Counter<'outcome'>;

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
    this.refusalSeconds = new Histogram({
      name: 'tusk_api_refusal_seconds',
      help: 'Time the API takes to refuse a request, by reason: from its headers (rate limit) or its whole body (kept over-budget price) to the refusal written.',
      labelNames: ['reason'],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.1],
      registers: [metrics.registry],
    });
    this.forwarded = new Counter({
      name: 'tusk_api_costly_queries_forwarded_total',
      help: 'Costly queries forwarded to the costly-query process, by outcome: answered there, unreachable (served here instead) or timed out.',
      labelNames: ['outcome'],
      registers: [metrics.registry],
    });
  }

  costlyQueryForwarded(outcome: 'answered' | 'unreachable' | 'timed out'): void {
    this.forwarded.inc({ outcome: outcome.replace(' ', '_') });
  }

  /** Counts a refusal; `seconds`, when known, is how long it took from the request's arrival. */
  refused(reason: RefusalReason, seconds?: number): void {
    this.refusals.inc({ reason });
    if (seconds !== undefined) {
      this.refusalSeconds.observe({ reason }, seconds);
    }
  }

  statementCancelled(): void {
    this.cancelled.inc();
  }
}
