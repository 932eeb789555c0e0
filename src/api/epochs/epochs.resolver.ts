import { Args, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import { notFound, requireEpochArgument, requirePageArgument } from 'src/api/api-errors';
import { AsOfInput } from 'src/api/as-of.input';
import { StakingStateFeed, stakingStateEvents } from 'src/api/subscriptions/staking-state.feed';
import { EpochsService } from 'src/epochs/epochs.service';
import { EpochType, NetworkType } from 'src/api/epochs/epoch.types';

/** Largest page a list query returns; 50 when `first` is not given. */
export const MAX_PAGE_SIZE = 1000;

@Resolver()
export class EpochsResolver {
  constructor(
    private readonly service: EpochsService,
    private readonly feed: StakingStateFeed,
  ) {}

  @Subscription(() => NetworkType, {
    description:
      'The network each time the epoch state changes (shards moving, handoff done, committee selected).',
    resolve: (network: NetworkType) => network,
  })
  epochStateChanged(): AsyncIterableIterator<NetworkType> {
    return stakingStateEvents(this.feed, async (previous, current) =>
      previous !== undefined &&
      (previous.epoch !== current.epoch || previous.epochState !== current.epochState)
        ? this.service.network()
        : undefined,
    );
  }

  @Subscription(() => NetworkType, {
    description:
      'The network each time the attested shard weight grows during a handoff, and when it completes.',
    resolve: (network: NetworkType) => network,
  })
  syncProgress(): AsyncIterableIterator<NetworkType> {
    return stakingStateEvents(this.feed, async (previous, current) => {
      const syncing = current.epochState === 'EpochChangeSync';
      const wasSyncing = previous?.epochState === 'EpochChangeSync';
      const moved =
        previous !== undefined &&
        ((syncing && (!wasSyncing || previous.syncWeight !== current.syncWeight)) ||
          (wasSyncing && !syncing));
      return moved ? this.service.network() : undefined;
    });
  }

  @Query(() => NetworkType, {
    description: 'The current epoch, its state, and when the next steps are due; `asOf` for a past epoch.',
  })
  async network(
    @Args('asOf', { type: () => AsOfInput, nullable: true }) asOf?: AsOfInput | null,
  ): Promise<NetworkType> {
    const epoch = requireEpochArgument(asOf?.epoch);
    const network = await this.service.network(epoch);
    if (network === undefined) {
      throw notFound(epoch === undefined ? 'nothing is indexed yet' : `epoch ${epoch} is not indexed`);
    }
    return network;
  }

  @Query(() => EpochType)
  async epoch(@Args('number', { type: () => Int }) number: number): Promise<EpochType> {
    const epoch = requireEpochArgument(number) ?? 0;
    const found = await this.service.epoch(epoch);
    if (found === undefined) {
      throw notFound(`epoch ${epoch} is not indexed`);
    }
    return found;
  }

  @Query(() => [EpochType], { description: 'Epochs, newest first; `before` pages back.' })
  async epochs(
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('before', { type: () => Int, nullable: true }) before?: number | null,
  ): Promise<EpochType[]> {
    requirePageArgument('first', first, MAX_PAGE_SIZE);
    return this.service.epochs(first, requireEpochArgument(before));
  }
}
