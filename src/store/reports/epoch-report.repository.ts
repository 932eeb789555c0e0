import type { EntityManager } from 'typeorm';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { EpochReportEntity } from 'src/store/reports/epoch-report.entity';
import { ReporterEntity } from 'src/store/reports/reporter.entity';

export type EpochReportRow = Readonly<EpochReportEntity>;
export type ReporterRow = Readonly<ReporterEntity>;

/** A report with its reporter's registration, when the registration was indexed. */
export interface EpochReportWithReporter {
  readonly report: EpochReportRow;
  readonly reporterName: string | null;
}

/**
 * Reporters and their epoch reports, as the `tusk_reports` events record them: written once (a
 * replayed checkpoint writes nothing new), never changed.
 */
export const EpochReportRepository = {
  async insertReporters(manager: EntityManager, rows: readonly ReporterRow[]): Promise<void> {
    await bulkWriteEntities(manager, ReporterEntity, rows, 'ON CONFLICT (reporter_id) DO NOTHING');
  },

  async insertReports(manager: EntityManager, rows: readonly EpochReportRow[]): Promise<void> {
    await bulkWriteEntities(manager, EpochReportEntity, rows, 'ON CONFLICT (reporter_id, epoch) DO NOTHING');
  },

  /** Every report for `epoch`, oldest first. */
  async forEpoch(manager: EntityManager, epoch: number): Promise<EpochReportWithReporter[]> {
    const rows = await manager
      .createQueryBuilder(EpochReportEntity, 'report')
      .leftJoin(ReporterEntity, 'reporter', 'reporter.reporter_id = report.reporter_id')
      .addSelect('reporter.name', 'reporter_name')
      .where('report.epoch = :epoch', { epoch })
      .orderBy('report.checkpoint', 'ASC')
      .addOrderBy('report.reporter_id', 'ASC')
      .getRawAndEntities();
    return rows.entities.map((report, index) => ({
      report,
      reporterName: (rows.raw[index] as { reporter_name: string | null } | undefined)?.reporter_name ?? null,
    }));
  },

  /** The epochs with reports and how many each has, newest first, at most `limit`. */
  async epochs(manager: EntityManager, limit: number): Promise<{ epoch: number; reports: number }[]> {
    const rows = await manager
      .createQueryBuilder(EpochReportEntity, 'report')
      .select('report.epoch', 'epoch')
      .addSelect('count(*)', 'reports')
      .groupBy('report.epoch')
      .orderBy('report.epoch', 'DESC')
      .limit(limit)
      .getRawMany<{ epoch: number; reports: string }>();
    return rows.map((row) => ({ epoch: row.epoch, reports: Number(row.reports) }));
  },

  async hasReport(manager: EntityManager, reporterId: string, epoch: number): Promise<boolean> {
    return manager.existsBy(EpochReportEntity, { reporterId, epoch });
  },

  async reporter(manager: EntityManager, reporterId: string): Promise<ReporterRow | null> {
    return manager.findOneBy(ReporterEntity, { reporterId });
  },
};
