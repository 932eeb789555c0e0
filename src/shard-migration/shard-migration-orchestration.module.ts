import { Module } from '@nestjs/common';
import { ChainModule } from 'src/chain/chain.module';
import { CommitteeModule } from 'src/committee/committee.module';
import { ReportPublishingModule } from 'src/reports/reports.module';
import { ScheduledJobs } from 'src/common/scheduling/scheduled-jobs';
import { ShardMigrationMetrics } from 'src/shard-migration/shard-migration.metrics';
import { ShardMigrationWorker } from 'src/shard-migration/shard-migration.worker';

/** Shard handoffs, driven: plans, health polls, the per-move state machine, deadlines and alerts. */
@Module({
  imports: [ChainModule, CommitteeModule, ReportPublishingModule],
  providers: [ShardMigrationWorker, ShardMigrationMetrics, ScheduledJobs],
  exports: [ShardMigrationWorker],
})
export class ShardMigrationOrchestrationModule {}
