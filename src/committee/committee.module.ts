import { Module } from '@nestjs/common';
import { SubscriptionsModule } from 'src/api/subscriptions/subscriptions.module';
import { CommitteeService } from 'src/committee/committee.service';
import { GovernanceService } from 'src/committee/governance.service';
import { CommitteeResolver } from 'src/committee/graphql/committee.resolver';

/** Committees: per epoch, the shard map, the next one (selected or predicted), and governance votes. */
@Module({
  imports: [SubscriptionsModule],
  providers: [CommitteeService, GovernanceService, CommitteeResolver],
  exports: [CommitteeService, GovernanceService],
})
export class CommitteeModule {}
