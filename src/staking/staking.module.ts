import { DelegatorsService } from 'src/staking/delegators.service';
import { Module } from '@nestjs/common';
import { OperatorHistoryService } from 'src/staking/operator-history.service';
import { OperatorsService } from 'src/staking/operators.service';
import { StakeSimulationService } from 'src/staking/stake-simulation.service';
import { PerformanceModule } from 'src/performance/performance.module';
import { OperatorDelegatorsService } from 'src/staking/operator-delegators.service';

/** Staking: operators (listed, over time, and what a stake would do), delegators and their positions. */
@Module({
  imports: [PerformanceModule],
  providers: [
    OperatorsService,
    OperatorHistoryService,
    StakeSimulationService,
    DelegatorsService,
    OperatorDelegatorsService,
  ],
  exports: [
    OperatorsService,
    OperatorHistoryService,
    StakeSimulationService,
    DelegatorsService,
    OperatorDelegatorsService,
  ],
})
export class StakingModule {}
