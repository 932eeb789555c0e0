import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { requireEpochArgument } from 'src/api/api-errors';
import { EpochReportsType } from 'src/api/reports/epoch-reports.types';
import { EpochReportsService } from 'src/reports/epoch-reports.service';

@Resolver(() => EpochReportsType)
export class EpochReportsResolver {
  constructor(private readonly reports: EpochReportsService) {}

  @Query(() => EpochReportsType, {
    description:
      'The reports Tusk instances published on chain about an epoch (move/), each compared with this instance’s own computation.',
  })
  async epochReports(@Args('epoch', { type: () => Int }) epochArgument: number): Promise<EpochReportsType> {
    return this.reports.epoch(requireEpochArgument(epochArgument) ?? 0);
  }
}
