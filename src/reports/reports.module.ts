import { Module } from '@nestjs/common';
import { AvailabilityModule } from 'src/availability/availability.module';
import { ChainModule } from 'src/chain/chain.module';
import { CommitteeModule } from 'src/committee/committee.module';
import { RewardsModule } from 'src/rewards/rewards.module';
import { EpochReportBuilder } from 'src/reports/epoch-report.builder';
import { EpochReportsService } from 'src/reports/epoch-reports.service';
import { ReportPublisher } from 'src/reports/report-publisher';
import { ShardMigrationModule } from 'src/shard-migration/shard-migration.module';

/** Epoch reports on chain (move/): this instance's own verdict, and everyone's, from the index. */
@Module({
  imports: [CommitteeModule, ShardMigrationModule, RewardsModule, AvailabilityModule],
  providers: [EpochReportBuilder, EpochReportsService],
  exports: [EpochReportBuilder, EpochReportsService],
})
export class ReportsModule {}

/** Publishing this instance's reports: needs the chain, so only where the indexer runs. */
@Module({
  imports: [ChainModule, ReportsModule],
  providers: [ReportPublisher],
  exports: [ReportPublisher, ReportsModule],
})
export class ReportPublishingModule {}
