import { Module } from '@nestjs/common';
import { CommitteeService } from 'src/committee/committee.service';
import { GovernanceService } from 'src/committee/governance.service';

/** Committees: per epoch, the shard map, the next one (selected or predicted), and governance votes. */
@Module({
  providers: [CommitteeService, GovernanceService],
  exports: [CommitteeService, GovernanceService],
})
export class CommitteeModule {}
