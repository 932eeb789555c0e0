import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AdvisoryLeadership } from 'src/database/advisory-leadership';
import { ChainEndpointService } from 'src/chain/chain-endpoint.service';
import { ScheduledJobs } from 'src/common/scheduling/scheduled-jobs';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { WebhookSender } from 'src/shard-migration/alerts/webhook-sender';
import { NodeHealthClient } from 'src/shard-migration/health/node-health.client';
import { NodeHealthPoller } from 'src/shard-migration/health/node-health.poller';
import { ShardMigrationMetrics } from 'src/shard-migration/shard-migration.metrics';
import { ShardMigrationOrchestrator } from 'src/shard-migration/shard-migration.orchestrator';
import { isIndexFresh } from 'src/store/shard-migration/shard-migration.repository';
import { AvailabilityTracker } from 'src/availability/availability.tracker';
import { DelegatorWarnings } from 'src/availability/delegator-warnings';
import { CommitteeAuditAlerts } from 'src/committee/committee-audit.alerts';
import { EpochReportAlerts } from 'src/reports/epoch-report.alerts';
import { EpochReportsService } from 'src/reports/epoch-reports.service';
import { ReportPublisher } from 'src/reports/report-publisher';
import { CommitteeService } from 'src/committee/committee.service';
import type { AlertRecord } from 'src/store/alerts/alert.repository';

/** Session advisory lock of the handoff orchestrator ('hand' in ASCII). */
const ORCHESTRATOR_LOCK_KEY = 0x68616e64;

/**
 * Runs the handoff orchestration in this process when it holds the orchestrator lock: health
 * polls, reconciliation and webhook delivery, every tick. Other processes wait as standbys; the
 * state lives in PostgreSQL, so whoever takes over carries on from it.
 */
@Injectable()
export class ShardMigrationWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ShardMigrationWorker.name);
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private reportedAt = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly endpoint: ChainEndpointService,
    private readonly metrics: ShardMigrationMetrics,
    private readonly jobs: ScheduledJobs,
    private readonly committees: CommitteeService,
    private readonly reports: EpochReportsService,
    private readonly publisher: ReportPublisher,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.indexer.follow) {
      return;
    }
    this.loop = this.run(this.abort.signal).catch((error: unknown) => {
      this.logger.error(`the handoff orchestrator stopped: ${message(error)}`);
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.loop;
  }

  private async run(signal: AbortSignal): Promise<void> {
    const settings = this.config.shardMigration;
    // The local network serves every storage node behind one gateway, known once it runs.
    await this.endpoint.grpcUrl().catch(() => undefined);
    const gateway = settings.health.gateway ?? this.endpoint.local?.storageNodeGateway;
    const poller = new NodeHealthPoller(
      this.dataSource,
      new NodeHealthClient({ timeoutMs: settings.health.timeoutMs, gateway }),
      settings.health,
    );
    const orchestrator = new ShardMigrationOrchestrator(this.dataSource, {
      deadlines: settings.deadlines,
      syncBytesPerSecond: settings.syncBytesPerSecond,
      concurrency: settings.concurrency,
      webhookUrls: settings.webhooks.urls,
    });
    const tracker = new AvailabilityTracker(this.dataSource, {
      ...settings.availability,
      webhookUrls: settings.webhooks.urls,
      // The node's next answer after an attestation comes within a poll and its timeout.
      auditSettleMs: settings.health.pollMs + settings.health.timeoutMs + settings.tickMs,
    });
    const warnings = new DelegatorWarnings(this.dataSource, { webhookUrls: settings.webhooks.urls });
    const audits = new CommitteeAuditAlerts(this.dataSource, this.committees, {
      webhookUrls: settings.webhooks.urls,
    });
    const reportAlerts = new EpochReportAlerts(this.dataSource, this.reports, {
      webhookUrls: settings.webhooks.urls,
    });
    const sender =
      settings.webhooks.secret === undefined
        ? undefined
        : new WebhookSender(this.dataSource, { secret: settings.webhooks.secret, timeoutMs: 5000 });
    const leadership = new AdvisoryLeadership(this.dataSource, {
      lockKey: ORCHESTRATOR_LOCK_KEY,
      standbyPollMs: Math.max(settings.tickMs, this.config.indexer.standbyPollMs),
    });
    await leadership.run(signal, {
      lead: async (term) => {
        this.metrics.leader.set(1);
        try {
          await this.jobs.every(
            'handoff_orchestration',
            settings.tickMs,
            (signal) =>
              this.tick({ poller, tracker, warnings, audits, reportAlerts, orchestrator, sender }, signal),
            term,
          );
        } finally {
          this.metrics.leader.set(0);
        }
      },
      // The state lives in PostgreSQL: whatever failed, the next term carries on from it.
      isFatal: () => false,
      onRetry: (error) => {
        this.logger.warn(`handoff orchestration interrupted, resuming: ${message(error)}`);
      },
      onLockLost: (reason) => {
        this.logger.warn(`${reason}: the handoff orchestrator steps down`);
      },
    });
  }

  private async tick(parts: WorkerParts, signal: AbortSignal): Promise<void> {
    const { poller, tracker, warnings, audits, reportAlerts, orchestrator, sender } = parts;
    // A node's health describes the present: while the index catches up with the chain it would be
    // matched with a past epoch (and counted in the wrong epoch's availability), so nodes are
    // polled only once the index is within a minute of the chain.
    const now = new Date();
    if (
      await isIndexFresh(
        this.dataSource.manager,
        now,
        Math.max(60_000, this.config.shardMigration.deadlines.stallGraceMs),
      )
    ) {
      this.metrics.polls.inc(await poller.pollDue(now, signal));
      const tracked = await tracker.track(new Date());
      if (tracked.verdictChanged && tracked.verdict !== undefined) {
        const verdict = tracked.verdict;
        this.logger.log({
          msg: `availability: ${verdict.shardsAvailable} of ${verdict.nShards} shards, reads ${verdict.canRead ? 'ok' : 'fail'}, writes ${verdict.canWrite ? 'ok' : 'fail'}`,
          epoch: verdict.epoch,
          shardsAvailable: verdict.shardsAvailable,
        });
      }
      this.logAlerts(tracked.opened, tracked.resolved);
      const warned = await warnings.raise(new Date());
      this.logAlerts(warned.opened, warned.resolved);
      const audited = await audits.check(new Date());
      this.logAlerts(audited.opened, audited.resolved);
      await this.report(reportAlerts);
    }
    const result = await orchestrator.reconcile(new Date());
    for (const epoch of result.planned) {
      this.logger.log({ msg: `planned the shard handoff into epoch ${epoch}`, epoch });
    }
    this.metrics.transitions.inc(result.transitions);
    this.logAlerts(result.opened, result.resolved);
    if (sender !== undefined) {
      const sent = await sender.deliverDue(new Date());
      this.metrics.webhooks.inc({ outcome: 'delivered' }, sent.delivered);
      this.metrics.webhooks.inc({ outcome: 'failed' }, sent.failed);
    }
  }

  /**
   * Publishes this instance's due reports (when configured) and compares everyone's, at most every
   * few seconds: each comparison recomputes the committees of the epochs compared.
   */
  private async report(alerts: EpochReportAlerts): Promise<void> {
    const now = Date.now();
    if (now - this.reportedAt < REPORT_INTERVAL_MS) {
      return;
    }
    this.reportedAt = now;
    try {
      for (const epoch of await this.publisher.publishDue()) {
        this.metrics.reportsPublished.inc();
        this.logger.log({ msg: `published this instance's report on epoch ${epoch}`, epoch });
      }
    } catch (error) {
      // A report that cannot go out now (no funds, a node unreachable) is tried again next tick.
      this.logger.warn(`epoch report not published: ${message(error)}`);
    }
    const checked = await alerts.check(new Date());
    this.metrics.reports.set({ agreement: 'agree' }, alerts.agreeing);
    this.metrics.reports.set({ agreement: 'disagree' }, alerts.disagreeing);
    this.logAlerts(checked.opened, checked.resolved);
  }

  private logAlerts(opened: readonly AlertRecord[], resolved: readonly AlertRecord[]): void {
    for (const alert of opened) {
      this.metrics.alerts.inc({ kind: alert.kind, event: 'firing' });
      this.logger.warn({
        msg: `alert ${alert.kind}: ${alert.summary}`,
        alert: alert.kind,
        epoch: alert.epoch,
        node: alert.subject === 'network' ? undefined : alert.subject,
      });
    }
    for (const alert of resolved) {
      this.metrics.alerts.inc({ kind: alert.kind, event: 'resolved' });
      this.logger.log({
        msg: `resolved ${alert.kind} (${alert.resolution ?? ''}): ${alert.summary}`,
        alert: alert.kind,
        epoch: alert.epoch,
        node: alert.subject === 'network' ? undefined : alert.subject,
      });
    }
  }
}

/** What the orchestrator's tick runs, made once per term. */
interface WorkerParts {
  readonly poller: NodeHealthPoller;
  readonly tracker: AvailabilityTracker;
  readonly warnings: DelegatorWarnings;
  readonly audits: CommitteeAuditAlerts;
  readonly reportAlerts: EpochReportAlerts;
  readonly orchestrator: ShardMigrationOrchestrator;
  readonly sender: WebhookSender | undefined;
}

/** How often reports are published and compared. */
const REPORT_INTERVAL_MS = 5000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
