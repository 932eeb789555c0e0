import { Args, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import { notFound, requireEpochArgument } from 'src/api/api-errors';
import { AsOfInput } from 'src/api/as-of.input';
import { StakingStateFeed, stakingStateEvents } from 'src/api/subscriptions/staking-state.feed';
import { CommitteeService } from 'src/committee/committee.service';
import { GovernanceService } from 'src/committee/governance.service';
import { GovernanceType } from 'src/api/committee/governance.types';
import {
  CommitteeAuditType,
  CommitteeType,
  NextCommitteeType,
  ShardOwnerType,
} from 'src/api/committee/committee.types';

@Resolver(() => CommitteeType)
export class CommitteeResolver {
  constructor(
    private readonly committees: CommitteeService,
    private readonly governanceService: GovernanceService,
    private readonly feed: StakingStateFeed,
  ) {}

  @Subscription(() => NextCommitteeType, {
    description: 'The next committee, with its shard handoffs, as soon as voting_end selects it.',
    resolve: (next: NextCommitteeType) => next,
  })
  committeeSelected(): AsyncIterableIterator<NextCommitteeType> {
    return stakingStateEvents(this.feed, async (previous, current) =>
      previous !== undefined &&
      current.nextCommitteeSelected &&
      !(previous.epoch === current.epoch && previous.nextCommitteeSelected)
        ? this.committees.nextCommittee()
        : undefined,
    );
  }

  @Query(() => CommitteeType, { description: 'The committee of an epoch (default: the current one).' })
  async committee(
    @Args('epoch', { type: () => Int, nullable: true }) epochArgument?: number | null,
    @Args('asOf', { type: () => AsOfInput, nullable: true, description: 'Same as `epoch`.' })
    asOf?: AsOfInput | null,
  ): Promise<CommitteeType> {
    const epoch = await this.epochOrCurrent(epochArgument ?? asOf?.epoch);
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

  @Query(() => CommitteeAuditType, {
    description: 'Checks an epoch’s committee on chain against Tusk’s recomputation of the same selection.',
  })
  async committeeAudit(
    @Args('epoch', { type: () => Int }) epochArgument: number,
  ): Promise<CommitteeAuditType> {
    const epoch = requireEpochArgument(epochArgument) ?? 0;
    const audit = await this.committees.audit(epoch);
    if (audit === undefined) {
      throw notFound(
        `the selection of epoch ${epoch}'s committee was not indexed (it came before the first indexed checkpoint)`,
      );
    }
    return audit;
  }

  @Query(() => GovernanceType, {
    description:
      'Price and capacity votes with the values they select and the marginal voters; concentration.',
  })
  async governance(
    @Args('epoch', { type: () => Int, nullable: true }) epochArgument?: number | null,
  ): Promise<GovernanceType> {
    const epoch = requireEpochArgument(epochArgument);
    const governance = await this.governanceService.governance(epoch);
    if (governance === undefined) {
      throw notFound(epoch === undefined ? 'nothing is indexed yet' : `epoch ${epoch} is not indexed`);
    }
    // The deprecated names answer the tallies they always answered.
    return {
      ...governance,
      storagePrice: governance.storagePriceTally,
      writePrice: governance.writePriceTally,
      capacity: governance.capacityTally,
    };
  }

  private async epochOrCurrent(epochArgument: number | null | undefined): Promise<number> {
    const epoch = requireEpochArgument(epochArgument) ?? (await this.committees.currentEpoch());
    if (epoch === undefined) {
      throw notFound('nothing is indexed yet');
    }
    return epoch;
  }
}
