// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { GraphQLError } from 'graphql';
import type { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { currentReadSession } from 'src/store/read-scope';

/** The answer to a request whose deadline passed: whatever it had computed is dropped. */
export function deadlineError(deadlineMs: number): GraphQLError {
  return new GraphQLError(
    `the request ran past its deadline of ${deadlineMs} ms and was cancelled; ask for less (smaller pages, fewer fields)`,
    { extensions: { code: 'TIMEOUT', deadlineMs } },
  );
}

/**
 * The limits that apply once a query runs. A request past its deadline (see `ReadSession`) answers
 * `TIMEOUT` with HTTP 503, its partial data dropped. An answer whose `data` serialises to more than
 * `maxResponseBytes` is not sent: `RESPONSE_TOO_LARGE` (HTTP 400) says how large it was. Neither
 * is cached. Both answers carry no `data` key, as a request refused before execution would: it is
 * what keeps their HTTP status (Nest's Apollo driver turns any answer with `data` into a 200).
 */
export function requestLimitsPlugin(maxResponseBytes: number, metrics: ApiLimitsMetrics): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        willSendResponse({ response }) {
          if (response.body.kind !== 'single') {
            return Promise.resolve();
          }
          const session = currentReadSession();
          if (session?.expired === true) {
            metrics.refused('timeout');
            response.body.singleResult = { errors: [deadlineError(session.deadlineMs)] };
            response.http.status = 503;
            return Promise.resolve();
          }
          const data = response.body.singleResult.data;
          if (data === undefined || data === null) {
            return Promise.resolve();
          }
          const bytes = Buffer.byteLength(JSON.stringify(data));
          if (bytes > maxResponseBytes) {
            metrics.refused('response_too_large');
            response.body.singleResult = {
              errors: [
                new GraphQLError(
                  `the answer is ${bytes} bytes, over the limit of ${maxResponseBytes}; ask for smaller pages or fewer fields`,
                  { extensions: { code: 'RESPONSE_TOO_LARGE', bytes, limit: maxResponseBytes } },
                ),
              ],
            };
            response.http.status = 400;
          }
          return Promise.resolve();
        },
      });
    },
  };
}
