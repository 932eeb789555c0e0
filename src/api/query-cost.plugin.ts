// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { GraphQLError } from 'graphql';
import type { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { queryCost } from 'src/api/query-cost';

/**
 * Prices every operation before it runs (see `queryCost`) and refuses one above `budget` with
 * `QUERY_TOO_COSTLY`, stating the cost and the budget, before any resolver or database read.
 * Every answered query carries `extensions.cost { requested, budget }`.
 */
export function queryCostPlugin(budget: number, metrics: ApiLimitsMetrics): ApolloServerPlugin {
  return {
    requestDidStart() {
      let requested: number | undefined;
      return Promise.resolve({
        didResolveOperation({ schema, document, request, operationName }) {
          const priced = queryCost(schema, document, request.variables ?? {}, operationName ?? undefined);
          if (priced.kind === 'invalid') {
            return Promise.resolve();
          }
          if (priced.kind === 'too_large') {
            metrics.refused('query_too_costly');
            return Promise.reject(
              tooCostly(
                `the query is too large to price (over its node limit); the budget is ${budget}`,
                budget,
              ),
            );
          }
          requested = priced.cost;
          if (priced.cost > budget) {
            metrics.refused('query_too_costly');
            return Promise.reject(
              tooCostly(`the query costs ${priced.cost}; the budget is ${budget}`, budget, priced.cost),
            );
          }
          return Promise.resolve();
        },
        willSendResponse({ response }) {
          if (response.body.kind === 'single' && requested !== undefined) {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, cost: { requested, budget } };
          }
          return Promise.resolve();
        },
      });
    },
  };
}

function tooCostly(message: string, budget: number, cost?: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'QUERY_TOO_COSTLY',
      budget,
      ...(cost === undefined ? {} : { cost }),
      http: { status: 400 },
    },
  });
}
