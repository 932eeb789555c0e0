import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { requirePageArgument } from 'src/api/api-errors';
import { NodeHandoffType } from 'src/api/shard-migration/shard-migration.types';
import { ShardMigrationService } from 'src/shard-migration/shard-migration.service';
import { OperatorType } from 'src/api/staking/operator.types';

@Resolver(() => OperatorType)
export class OperatorHandoffsResolver {
  constructor(private readonly migrations: ShardMigrationService) {}

  @ResolveField(() => [NodeHandoffType], {
    description:
      'The node’s part in the last handoffs, newest first: shards gained, time to epoch_sync_done, per GB.',
  })
  async handoffs(
    @Parent() operator: OperatorType,
    @Args('last', { type: () => Int, defaultValue: 10 }) last: number,
  ): Promise<NodeHandoffType[]> {
    requirePageArgument('last', last, 1000);
    return this.migrations.handoffs(operator.nodeId, last);
  }
}
