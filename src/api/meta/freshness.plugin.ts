// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import type { Freshness, FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { currentReadSession } from 'src/store/read-scope';

/**
 * Adds `extensions._meta { checkpoint, epoch, lagSeconds }` to every GraphQL response, so that a
 * client sees how fresh each answer is without asking. A request that read the database reports
 * its own snapshot (the one its data came from); one answered without reading, the latest reading.
 */
export function freshnessPlugin(freshness: FreshnessTracker): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            const meta = await metaOfThisRequest(freshness);
            if (meta !== undefined) {
              result.extensions = { ...result.extensions, _meta: meta };
            }
          }
        },
      });
    },
  };
}

async function metaOfThisRequest(freshness: FreshnessTracker): Promise<Freshness | undefined> {
  const session = currentReadSession();
  if (session?.expired === true) {
    // Past its deadline the request waits on nothing more: what is known, or no `_meta` at all.
    return freshness.known();
  }
  if (session === undefined || !session.started) {
    return freshness.current();
  }
  return freshness.inSnapshot(session.manager).catch(() => freshness.current());
}
