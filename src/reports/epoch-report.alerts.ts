import type { DataSource } from 'typeorm';
import {
  AlertRepository,
  REPORT_ALERT_KINDS,
  type AlertCondition,
  type AlertRecord,
} from 'src/store/alerts/alert.repository';
import type { EpochReportsService } from 'src/reports/epoch-reports.service';
import type { EpochReportsView } from 'src/reports/reports.views';

/** Epochs, newest first, whose reports are compared on each check. */
const CHECKED_EPOCHS = 5;

/** One alert per reporter whose report on an epoch differs from this instance's computation. */
export function reportConditions(view: EpochReportsView): AlertCondition[] {
  return view.reports
    .filter((report) => report.agrees === false && !report.own)
    .map((report) => ({
      kind: 'epoch_report_disagrees',
      epoch: view.epoch,
      subject: report.reporterId,
      summary:
        `${report.reporterName ?? report.reporterId} reports epoch ${view.epoch} differently from this instance: ` +
        report.differences.join(', '),
      details: {
        reporter: report.reporterId,
        reporterName: report.reporterName,
        reporterAddress: report.reporterAddress,
        differences: report.differences,
        txDigest: report.txDigest,
      },
    }));
}

/**
 * Compares the reports of the latest reported epochs with this instance's own verdict and keeps
 * one alert open per disagreeing reporter and epoch: one of the two computations is wrong (or was
 * fed a wrong index), and only a human can say which.
 */
export class EpochReportAlerts {
  /**
   * Each epoch as last compared, once this instance had its own verdict on it: compared again
   * (its committee recomputed) only when a new report arrived.
   */
  private readonly compared = new Map<number, { reports: number; agreeing: number; disagreeing: number }>();
  disagreeing = 0;
  agreeing = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: EpochReportsService,
    private readonly options: { readonly webhookUrls: readonly string[] },
  ) {}

  async check(now: Date): Promise<{ opened: AlertRecord[]; resolved: AlertRecord[] }> {
    const opened: AlertRecord[] = [];
    const resolved: AlertRecord[] = [];
    let agreeing = 0;
    let disagreeing = 0;
    for (const { epoch, reports } of await this.reports.reportedEpochs(CHECKED_EPOCHS)) {
      const last = this.compared.get(epoch);
      if (last?.reports === reports) {
        agreeing += last.agreeing;
        disagreeing += last.disagreeing;
        continue;
      }
      const view = await this.reports.epoch(epoch);
      const others = view.reports.filter((report) => !report.own);
      const counts = {
        reports: view.reports.length,
        agreeing: others.filter((report) => report.agrees === true).length,
        disagreeing: others.filter((report) => report.agrees === false).length,
      };
      agreeing += counts.agreeing;
      disagreeing += counts.disagreeing;
      if (view.own === null) {
        continue;
      }
      const result = await this.dataSource.transaction((manager) =>
        AlertRepository.reconcile(manager, epoch, reportConditions(view), {
          now,
          webhookUrls: this.options.webhookUrls,
          resolution: 'the reports agree',
          holdMs: 0,
          kinds: REPORT_ALERT_KINDS,
        }),
      );
      this.compared.set(epoch, counts);
      opened.push(...result.opened);
      resolved.push(...result.resolved);
    }
    this.agreeing = agreeing;
    this.disagreeing = disagreeing;
    return { opened, resolved };
  }
}
