// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import type { FreshnessTracker } from 'src/api/meta/freshness.tracker';

/**
 * Adds `extensions._meta { checkpoint, epoch, lagSeconds }` to every GraphQL response, so that a
 * client sees how fresh each answer is without asking.
 */
export function freshnessPlugin(freshness: FreshnessTracker): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, _meta: await freshness.current() };
          }
        },
      });
    },
  };
}
