import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { requireEpochArgument, requirePageArgument } from 'src/api/api-errors';
import { ChainEventConnectionType, ChainEventFilterInputType } from 'src/api/epochs/chain-event.types';
import { ChainEventsService } from 'src/epochs/chain-events.service';

@Resolver()
export class ChainEventsResolver {
  constructor(private readonly feed: ChainEventsService) {}

  @Query(() => ChainEventConnectionType, {
    description:
      'The chain’s story as a feed: the Walrus staking and epoch events Tusk records, oldest first, with ' +
      'checkpoint, time, transaction and decoded fields.',
  })
  async events(
    @Args('where', { type: () => ChainEventFilterInputType, nullable: true })
    where?: ChainEventFilterInputType | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first = 50,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<ChainEventConnectionType> {
    requirePageArgument('first', first, 500);
    const epoch = requireEpochArgument(where?.epoch);
    return (await this.feed.events(
      { types: where?.types, nodeId: where?.nodeId, epoch, fromCheckpoint: where?.fromCheckpoint },
      first,
      after ?? undefined,
    )) as ChainEventConnectionType;
  }
}
