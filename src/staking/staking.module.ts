import { DelegatorsService } from 'src/staking/delegators.service';
import { DelegatorsResolver } from 'src/staking/graphql/delegators.resolver';
import { Module } from '@nestjs/common';
import { OperatorsResolver } from 'src/staking/graphql/operators.resolver';
import { OperatorsService } from 'src/staking/operators.service';

/** Staking: operators and their pools, delegators and their positions. */
@Module({
  providers: [OperatorsService, OperatorsResolver, DelegatorsService, DelegatorsResolver],
  exports: [OperatorsService, DelegatorsService],
})
export class StakingModule {}
