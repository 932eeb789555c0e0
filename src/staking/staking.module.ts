import { DelegatorsService } from 'src/staking/delegators.service';
import { DelegatorsResolver } from 'src/staking/graphql/delegators.resolver';
import { Module } from '@nestjs/common';
import { OperatorsResolver } from 'src/staking/graphql/operators.resolver';
import { OperatorsService } from 'src/staking/operators.service';
import { PerformanceModule } from 'src/performance/performance.module';

/** Staking: operators and their pools, delegators and their positions. */
@Module({
  imports: [PerformanceModule],
  providers: [OperatorsService, OperatorsResolver, DelegatorsService, DelegatorsResolver],
  exports: [OperatorsService, DelegatorsService],
})
export class StakingModule {}
