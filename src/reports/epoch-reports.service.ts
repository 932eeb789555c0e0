import { Inject, Injectable } from '@nestjs/common';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { reporterKeypair } from 'src/chain/report-transactions';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import {
  EpochReportRepository,
  type EpochReportWithReporter,
} from 'src/store/reports/epoch-report.repository';
import { EpochReportBuilder } from 'src/reports/epoch-report.builder';
import type { EpochReportsView, EpochReportView, OwnReportView } from 'src/reports/reports.views';

/** The fields on which honest reporters agree: what each computes alike from the chain. */
const COMPARED = [
  'committeeDigest',
  'auditMatches',
  'movedShards',
  'attestedWeight',
  'quorumMs',
  'rewardsDigest',
] as const;

/** Every reporter's report on an epoch, each compared with this instance's own computation. */
@Injectable()
export class EpochReportsService {
  private readonly ownAddress: string | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly builder: EpochReportBuilder,
  ) {
    this.ownAddress = reporterAddress(config.reports.reporterKey);
  }

  async epoch(epoch: number): Promise<EpochReportsView> {
    const rows = await EpochReportRepository.forEpoch(readManager(this.dataSource), epoch);
    const own = (await this.builder.build(epoch)) ?? null;
    const reports = rows.map((row) => compare(row, own, this.ownAddress));
    return {
      epoch,
      own,
      reports,
      agreeing: reports.filter((report) => report.agrees === true).length,
      disagreeing: reports.filter((report) => report.agrees === false).length,
    };
  }

  /** The epochs that have reports, with how many, newest first. */
  async reportedEpochs(limit: number): Promise<{ epoch: number; reports: number }[]> {
    return EpochReportRepository.epochs(readManager(this.dataSource), limit);
  }
}

/** The address this instance's reporter key signs as; undefined without a usable key. */
export function reporterAddress(key: string | undefined): string | undefined {
  if (key === undefined) {
    return undefined;
  }
  try {
    return normalizeSuiAddress(reporterKeypair(key).toSuiAddress());
  } catch {
    return undefined;
  }
}

function compare(
  { report: row, reporterName }: EpochReportWithReporter,
  own: OwnReportView | null,
  ownAddress: string | undefined,
): EpochReportView {
  const differences = own === null ? [] : COMPARED.filter((field) => row[field] !== own[field]);
  return {
    epoch: row.epoch,
    reporterId: row.reporterId,
    reporterName,
    reporterAddress: row.reporterAddress,
    committeeDigest: row.committeeDigest,
    auditMatches: row.auditMatches,
    movedShards: row.movedShards,
    attestedWeight: row.attestedWeight,
    quorumMs: row.quorumMs,
    lateAttesters: row.lateAttesters,
    prematureAttesters: row.prematureAttesters,
    rewardsDigest: row.rewardsDigest,
    publishedAt: row.publishedAt,
    txDigest: row.txDigest,
    checkpoint: row.checkpoint,
    agrees: own === null ? null : differences.length === 0,
    differences: [...differences],
    own: ownAddress !== undefined && row.reporterAddress === ownAddress,
  };
}
