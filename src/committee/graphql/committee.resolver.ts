import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { notFound, requireEpochArgument } from 'src/api/api-errors';
import { CommitteeService } from 'src/committee/committee.service';
import { CommitteeType, NextCommitteeType, ShardOwnerType } from 'src/committee/graphql/committee.types';

@Resolver(() => CommitteeType)
export class CommitteeResolver {
  constructor(private readonly committees: CommitteeService) {}

  @Query(() => CommitteeType, { description: 'The committee of an epoch (default: the current one).' })
  async committee(
    @Args('epoch', { type: () => Int, nullable: true }) epochArgument?: number | null,
  ): Promise<CommitteeType> {
    const epoch = await this.epochOrCurrent(epochArgument);
    const committee = await this.committees.committee(epoch);
    if (committee === undefined) {
      throw notFound(`no committee is indexed for epoch ${epoch}`);
    }
    return committee;
  }

  @Query(() => [ShardOwnerType], {
    description: 'The owner of every shard in an epoch (default: the current one).',
  })
  async shardMap(
    @Args('epoch', { type: () => Int, nullable: true }) epochArgument?: number | null,
  ): Promise<ShardOwnerType[]> {
    const epoch = await this.epochOrCurrent(epochArgument);
    const owners = await this.committees.shardMap(epoch);
    if (owners === undefined) {
      throw notFound(`no committee is indexed for epoch ${epoch}`);
    }
    return owners;
  }

  @Query(() => NextCommitteeType, {
    description:
      'The next epoch’s committee: the chain’s once voting_end selected it, otherwise Tusk’s prediction from ' +
      'the live active set (committee.predicted), with every shard handoff it implies.',
  })
  async nextCommittee(): Promise<NextCommitteeType> {
    const next = await this.committees.nextCommittee();
    if (next === undefined) {
      throw notFound('nothing is indexed yet');
    }
    return next;
  }

  private async epochOrCurrent(epochArgument: number | null | undefined): Promise<number> {
    const epoch = requireEpochArgument(epochArgument) ?? (await this.committees.currentEpoch());
    if (epoch === undefined) {
      throw notFound('nothing is indexed yet');
    }
    return epoch;
  }
}
