// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { GraphQLError } from 'graphql';
import type { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import type { CostlyQueryGate } from 'src/api/limits/costly-query.gate';
import { deadlineError } from 'src/api/limits/request-limits.plugin';
import { operationKeyOf } from 'src/api/http-caching';
import type { QueryPrices } from 'src/api/limits/query-prices';
import { costRefusal, queryCost } from 'src/api/query-cost';
import { currentReadSession } from 'src/store/read-scope';

/**
 * Prices every operation before it runs (see `queryCost`; prices are kept in `QueryPrices`, where
 * `GraphQLFrontDoor` refuses a repeated one early) and refuses one above `budget` with
 * `QUERY_TOO_COSTLY`, stating the cost and the budget, before any resolver or database read.
 * Every answered query carries `extensions.cost { requested, budget }`. A query costing at least
 * the gate's threshold waits for a slot of the `CostlyQueryGate` before it runs: `OVERLOADED` when
 * its queue is full, `TIMEOUT` when the request's deadline passes first.
 */
export function queryCostPlugin(
  budget: number,
  gate: CostlyQueryGate,
  prices: QueryPrices,
  metrics: ApiLimitsMetrics,
): ApolloServerPlugin {
  return {
    requestDidStart() {
      let requested: number | undefined;
      let release: (() => void) | undefined;
      return Promise.resolve({
        async didResolveOperation({ schema, document, request, operationName, source }) {
          const variables = request.variables ?? {};
          const key = operationKeyOf(request, source);
          const priced = prices.priceOf(key, () =>
            queryCost(schema, document, variables, operationName ?? undefined, budget),
          );
          const refusal = costRefusal(priced, budget);
          if (refusal !== undefined) {
            metrics.refused('query_too_costly');
            throw new GraphQLError(refusal.message, {
              extensions: { ...refusal.extensions, http: { status: 400 } },
            });
          }
          // Not priceable as sent (`costRefusal` refused what was too large): execution refuses it.
          if (priced.kind !== 'cost') {
            return;
          }
          requested = priced.cost;
          const session = currentReadSession();
          if (priced.cost >= gate.threshold && session !== undefined) {
            const admitted = await gate.enter(session.signal);
            if (admitted === 'overloaded') {
              metrics.refused('overloaded');
              throw new GraphQLError('too many costly queries are running or waiting; retry shortly', {
                extensions: { code: 'OVERLOADED', http: { status: 503 } },
              });
            }
            if (admitted === 'cancelled') {
              metrics.refused('timeout');
              const error = deadlineError(session.deadlineMs);
              throw new GraphQLError(error.message, {
                extensions: { ...error.extensions, http: { status: 503 } },
              });
            }
            release = admitted;
          }
        },
        willSendResponse({ response }) {
          release?.();
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
