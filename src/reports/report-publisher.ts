import { Inject, Injectable } from '@nestjs/common';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { DataSource } from 'typeorm';
import { ChainEndpointService } from 'src/chain/chain-endpoint.service';
import { ReportTransactions } from 'src/chain/report-transactions';
import { SUI_CLIENT } from 'src/chain/sui-client.provider';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { fromHexDigest } from 'src/domain/reports/report-digests';
import { EpochReportRepository } from 'src/store/reports/epoch-report.repository';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { EpochReportBuilder } from 'src/reports/epoch-report.builder';
import type { OwnReportView } from 'src/reports/reports.views';

/** Why this instance cannot publish: a sentence for the operator, never the key. */
export class ReportingUnavailableError extends Error {}

/** Epochs behind the current one that automatic publishing still reports (after a restart, say). */
const CATCH_UP_EPOCHS = 3;

/**
 * Publishes this instance's reports with its own key: registers it as a reporter once, then, on
 * request or after each handoff, its verdict on an epoch (see EpochReportBuilder). A report is
 * published once; the chain refuses a second one for the same epoch.
 */
@Injectable()
export class ReportPublisher {
  private transactions: ReportTransactions | undefined;
  private capId: string | undefined;
  /** Epochs this process published: not asked again while the index has yet to record them. */
  private readonly published = new Set<number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoint: ChainEndpointService,
    @Inject(SUI_CLIENT) private readonly client: SuiGrpcClient,
    private readonly dataSource: DataSource,
    private readonly builder: EpochReportBuilder,
  ) {}

  /** Registers this instance (once: an existing cap is kept) under `name`. */
  async register(
    name = this.config.reports.reporterName,
  ): Promise<{ reporterId: string; digest: string | null }> {
    const transactions = await this.ready();
    const existing = await transactions.findCap();
    if (existing !== undefined) {
      this.capId = existing;
      return { reporterId: existing, digest: null };
    }
    const { digest, capId } = await transactions.register(name);
    this.capId = capId;
    return { reporterId: capId, digest };
  }

  /** Publishes this instance's report on `epoch`. */
  async publish(epoch: number): Promise<{ digest: string; reporterId: string }> {
    const transactions = await this.ready();
    const capId = this.capId ?? (await transactions.findCap());
    if (capId === undefined) {
      throw new ReportingUnavailableError(
        'this reporter key is not registered yet: run `tusk report register` first',
      );
    }
    this.capId = capId;
    const own = await this.builder.build(epoch);
    if (own === undefined) {
      throw new ReportingUnavailableError(
        `no report on epoch ${epoch} yet: its handoff has not ended, or the selection of its committee is not indexed`,
      );
    }
    return this.send(transactions, capId, own);
  }

  /** Publishes a verdict already built. */
  private async send(
    transactions: ReportTransactions,
    capId: string,
    own: OwnReportView,
  ): Promise<{ digest: string; reporterId: string }> {
    const { digest } = await transactions.publish(capId, {
      epoch: own.epoch,
      committeeDigest: fromHexDigest(own.committeeDigest),
      auditMatches: own.auditMatches,
      handoff: {
        movedShards: own.movedShards,
        attestedWeight: own.attestedWeight,
        quorumMs: own.quorumMs,
        lateAttesters: own.lateAttesters,
        prematureAttesters: own.prematureAttesters,
      },
      rewardsDigest: fromHexDigest(own.rewardsDigest),
    });
    return { digest, reporterId: capId };
  }

  /**
   * After each handoff (`TUSK_REPORTS_PUBLISH=after-handoff`): registers on first use, then
   * publishes every recent epoch whose handoff ended and that this reporter has not reported
   * (as indexed). Returns the epochs published.
   */
  async publishDue(): Promise<number[]> {
    if (this.config.reports.publish !== 'after-handoff') {
      return [];
    }
    const { reporterId } = this.capId === undefined ? await this.register() : { reporterId: this.capId };
    const state = await StakingStateRepository.stakingState(this.dataSource.manager);
    if (state === undefined) {
      return [];
    }
    const published: number[] = [];
    for (let epoch = Math.max(1, state.epoch - CATCH_UP_EPOCHS); epoch <= state.epoch; epoch++) {
      if (
        this.published.has(epoch) ||
        (await EpochReportRepository.hasReport(this.dataSource.manager, reporterId, epoch))
      ) {
        continue;
      }
      const own = await this.builder.build(epoch);
      if (own === undefined) {
        continue;
      }
      await this.send(await this.ready(), reporterId, own);
      this.published.add(epoch);
      published.push(epoch);
    }
    return published;
  }

  private async ready(): Promise<ReportTransactions> {
    if (this.transactions !== undefined) {
      return this.transactions;
    }
    const where = await this.endpoint.reportsPackage();
    if (where === undefined) {
      throw new ReportingUnavailableError(
        'no tusk_reports package on this network: set TUSK_REPORTS_PACKAGE_ID and TUSK_REPORTS_REGISTRY_ID (see move/README.md)',
      );
    }
    const { stakingObjectId } = await this.endpoint.walrusObjects();
    this.transactions = new ReportTransactions(this.client, {
      packageId: where.packageId,
      registryId: where.registryId,
      stakingObjectId,
      key: this.config.reports.reporterKey ?? '',
      gasBudget: this.config.reports.gasBudget,
    });
    return this.transactions;
  }
}
