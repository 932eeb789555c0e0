import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from 'src/common/metrics-registry';
import {
  AVAILABILITY_ALERT_KINDS,
  DELEGATOR_ALERT_KINDS,
  GOVERNANCE_ALERT_KINDS,
  HANDOFF_ALERT_KINDS,
  REPORT_ALERT_KINDS,
} from 'src/store/alerts/alert.repository';

/** Counters of the handoff orchestrator; labels are bounded (alert kinds, two events, two outcomes). */
@Injectable()
export class ShardMigrationMetrics {
  readonly polls: Counter;
  readonly transitions: Counter;
  readonly alerts: Counter<'kind' | 'event'>;
  readonly webhooks: Counter<'outcome'>;
  readonly leader: Gauge;
  readonly reports: Gauge<'agreement'>;
  readonly reportsPublished: Counter;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.polls = new Counter({
      name: 'tusk_node_health_polls_total',
      help: 'Health polls of storage nodes',
      registers,
    });
    this.transitions = new Counter({
      name: 'tusk_shard_move_transitions_total',
      help: 'State changes of shard moves',
      registers,
    });
    this.alerts = new Counter({
      name: 'tusk_handoff_alerts_total',
      help: 'Handoff, availability and delegator alerts opened (firing) and resolved',
      labelNames: ['kind', 'event'],
      registers,
    });
    this.webhooks = new Counter({
      name: 'tusk_alert_webhooks_total',
      help: 'Alert webhook delivery attempts by outcome',
      labelNames: ['outcome'],
      registers,
    });
    this.leader = new Gauge({
      name: 'tusk_handoff_orchestrator_leader',
      help: '1 when this process holds the orchestrator lock',
      registers,
    });
    this.reports = new Gauge({
      name: 'tusk_epoch_reports',
      help: 'Other reporters’ reports on the last five reported epochs, by agreement with this instance’s own computation',
      labelNames: ['agreement'],
      registers,
    });
    this.reportsPublished = new Counter({
      name: 'tusk_epoch_reports_published_total',
      help: 'Reports this instance published on chain',
      registers,
    });
    // Every known series exists from the start, at zero, so that rates and panels have data.
    this.leader.set(0);
    this.reports.set({ agreement: 'agree' }, 0);
    this.reports.set({ agreement: 'disagree' }, 0);
    for (const kind of [
      ...HANDOFF_ALERT_KINDS,
      ...AVAILABILITY_ALERT_KINDS,
      ...DELEGATOR_ALERT_KINDS,
      ...GOVERNANCE_ALERT_KINDS,
      ...REPORT_ALERT_KINDS,
    ]) {
      for (const event of ['firing', 'resolved']) {
        this.alerts.inc({ kind, event }, 0);
      }
    }
    for (const outcome of ['delivered', 'failed']) {
      this.webhooks.inc({ outcome }, 0);
    }
  }
}
