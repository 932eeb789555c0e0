import { EpochReportsResolver } from 'src/api/reports/epoch-reports.resolver';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { NestFactory } from '@nestjs/core';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { MetaResolver } from 'src/api/meta/meta.resolver';
import { MethodologyResolver } from 'src/api/methodology/methodology.resolver';
import { BigIntScalar } from 'src/api/scalars/bigint.scalar';
import { CommitteeResolver } from 'src/api/committee/committee.resolver';
import { EpochsResolver } from 'src/api/epochs/epochs.resolver';
import { DelegatorsResolver } from 'src/api/staking/delegators.resolver';
import { OperatorsResolver } from 'src/api/staking/operators.resolver';
import { OperatorHandoffsResolver } from 'src/api/shard-migration/operator-handoffs.resolver';
import { ShardMigrationResolver } from 'src/api/shard-migration/shard-migration.resolver';
import { RewardsResolver } from 'src/api/rewards/rewards.resolver';
import { AvailabilityResolver } from 'src/api/availability/availability.resolver';
import { ChainEventsResolver } from 'src/api/epochs/chain-events.resolver';
import { OperatorDelegatorsResolver } from 'src/api/staking/operator-delegators.resolver';
import {
  OperatorAvailabilityFieldResolver,
  OperatorAvailabilityResolver,
} from 'src/api/availability/operator-availability.resolver';

/** Every resolver of the API: the schema is built from these. */
export const GRAPHQL_RESOLVERS = [
  MetaResolver,
  EpochsResolver,
  CommitteeResolver,
  OperatorsResolver,
  DelegatorsResolver,
  ShardMigrationResolver,
  OperatorHandoffsResolver,
  RewardsResolver,
  AvailabilityResolver,
  ChainEventsResolver,
  OperatorDelegatorsResolver,
  OperatorAvailabilityFieldResolver,
  OperatorAvailabilityResolver,
  EpochReportsResolver,
  MethodologyResolver,
];

/** The schema as committed in `schema.gql`: sorted, so that a diff shows only real changes. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** Builds the schema from the resolvers alone: no database, no server. */
export async function buildSchemaText(): Promise<string> {
  const context = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, { logger: false });
  try {
    const schema = await context.get(GraphQLSchemaFactory).create(GRAPHQL_RESOLVERS, [BigIntScalar]);
    return printSortedSchema(schema);
  } finally {
    await context.close();
  }
}
