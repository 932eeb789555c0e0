import { DelegatorsService } from 'src/staking/delegators.service';
import { Module } from '@nestjs/common';
import { OperatorsService } from 'src/staking/operators.service';
import { PerformanceModule } from 'src/performance/performance.module';

/** Staking: operators and their pools, delegators and their positions. */
@Module({
  imports: [PerformanceModule],
  providers: [OperatorsService, DelegatorsService],
  exports: [OperatorsService, DelegatorsService],
})
export class StakingModule {}
