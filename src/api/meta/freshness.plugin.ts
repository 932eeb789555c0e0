// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import type { MetaService } from 'src/api/meta/meta.service';

/** How long one freshness reading serves responses: a query per response would double the load. */
const FRESHNESS_TTL_MS = 250;

/**
 * Adds `extensions._meta { checkpoint, epoch, lagSeconds }` to every GraphQL response, so that a
 * client sees how fresh each answer is without asking.
 */
export function freshnessPlugin(meta: MetaService): ApolloServerPlugin {
  let cached: { at: number; value: Promise<Record<string, unknown>> } | undefined;
  const freshness = (): Promise<Record<string, unknown>> => {
    const now = Date.now();
    if (cached === undefined || now - cached.at > FRESHNESS_TTL_MS) {
      const value = meta.meta(now).then(
        (current) => ({
          checkpoint: current.checkpoint === null ? null : current.checkpoint.toString(),
          epoch: current.epoch,
          lagSeconds: current.lagSeconds,
        }),
        () => ({ checkpoint: null, epoch: null, lagSeconds: null }),
      );
      cached = { at: now, value };
    }
    return cached.value;
  };
  return {
    requestDidStart() {
      return Promise.resolve({
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            const result = response.body.singleResult;
            result.extensions = { ...result.extensions, _meta: await freshness() };
          }
        },
      });
    },
  };
}
