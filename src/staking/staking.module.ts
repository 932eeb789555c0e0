import { Module } from '@nestjs/common';
import { OperatorsResolver } from 'src/staking/graphql/operators.resolver';
import { OperatorsService } from 'src/staking/operators.service';

/** Staking: operators and their pools. */
@Module({ providers: [OperatorsService, OperatorsResolver], exports: [OperatorsService] })
export class StakingModule {}
