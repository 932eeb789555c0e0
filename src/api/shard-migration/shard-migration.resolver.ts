import { Args, Int, Query, Resolver, Subscription } from '@nestjs/graphql';
import { notFound, requireEpochArgument } from 'src/api/api-errors';
import { ShardMigrationType } from 'src/api/shard-migration/shard-migration.types';
import { ShardMigrationService } from 'src/shard-migration/shard-migration.service';
import { changes } from 'src/api/subscriptions/changes';

/** How often a progress subscription looks for changes. */
const PROGRESS_POLL_MS = 500;

@Resolver(() => ShardMigrationType)
export class ShardMigrationResolver {
  constructor(private readonly migrations: ShardMigrationService) {}

  @Query(() => ShardMigrationType, {
    description:
      'The shard handoff into an epoch (default: the latest tracked one): the plan per shard and node, ' +
      'progress, the sync quorum, stalls and ETA. For the next epoch, before its epoch change: the plan ' +
      'from the selected committee, or a forecast from the predicted one.',
  })
  async shardMigration(
    @Args('epoch', { type: () => Int, nullable: true }) epochArgument?: number | null,
  ): Promise<ShardMigrationType> {
    const epoch = requireEpochArgument(epochArgument ?? undefined);
    const migration = await this.migrations.migration(epoch);
    if (migration === undefined) {
      throw notFound(
        epoch === undefined
          ? 'no shard handoff is known yet'
          : `no shard handoff is known for epoch ${epoch} (tracked epochs, or the next one)`,
      );
    }
    return migration;
  }

  @Subscription(() => ShardMigrationType, {
    description:
      'The latest handoff (or the one into `epoch`) each time its progress, quorum or alerts change.',
    resolve: (migration: ShardMigrationType) => migration,
  })
  shardMigrationProgress(
    @Args('epoch', { type: () => Int, nullable: true }) epochArgument?: number | null,
  ): AsyncIterableIterator<ShardMigrationType> {
    const epoch = requireEpochArgument(epochArgument ?? undefined);
    return changes(() => this.migrations.migration(epoch), fingerprint, PROGRESS_POLL_MS);
  }
}

/** What a watcher cares about: a new value is pushed only when this changes. */
function fingerprint(migration: ShardMigrationType): string {
  return JSON.stringify([
    migration.epoch,
    migration.status,
    migration.progress,
    migration.quorum.attestedWeight,
    migration.quorum.atRisk,
    migration.stalls.map((alert) => alert.id),
    migration.nodes.map((node) => [node.attested, node.reachable, node.stalledMoves]),
  ]);
}
