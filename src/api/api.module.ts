import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { MetaResolver } from 'src/api/meta/meta.resolver';
import { MetaService } from 'src/api/meta/meta.service';
import { BigIntScalar } from 'src/api/scalars/bigint.scalar';

/** The GraphQL endpoint, `/graphql`. Resolvers read Postgres only; nothing here talks to the chain. */
@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      // Errors carry a code and a message, never a stack trace.
      includeStacktraceInErrorResponses: false,
    }),
  ],
  providers: [BigIntScalar, MetaService, MetaResolver],
})
export class ApiModule {}
