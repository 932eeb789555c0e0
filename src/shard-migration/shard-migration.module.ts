import { Module } from '@nestjs/common';
import { CommitteeModule } from 'src/committee/committee.module';
import { OperatorHandoffsResolver } from 'src/shard-migration/graphql/operator-handoffs.resolver';
import { ShardMigrationResolver } from 'src/shard-migration/graphql/shard-migration.resolver';
import { ShardMigrationService } from 'src/shard-migration/shard-migration.service';

/** Shard handoffs as the API shows them: plans, forecasts, progress, quorum and alerts. */
@Module({
  imports: [CommitteeModule],
  providers: [ShardMigrationService, ShardMigrationResolver, OperatorHandoffsResolver],
  exports: [ShardMigrationService],
})
export class ShardMigrationModule {}
