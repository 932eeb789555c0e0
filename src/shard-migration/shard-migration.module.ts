import { Module } from '@nestjs/common';
import { CommitteeModule } from 'src/committee/committee.module';
import { ShardMigrationService } from 'src/shard-migration/shard-migration.service';

/** Shard handoffs as the API shows them: plans, forecasts, progress, quorum and alerts. */
@Module({
  imports: [CommitteeModule],
  providers: [ShardMigrationService],
  exports: [ShardMigrationService],
})
export class ShardMigrationModule {}
