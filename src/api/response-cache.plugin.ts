// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { BREAK, OperationTypeNode, visit, type DocumentNode } from 'graphql';
import type { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { ResponseCache } from 'src/api/response-cache';

/** Fields whose value moves with the clock, not the checkpoint: queries selecting them are never cached. */
const CLOCK_FIELDS = new Set(['_meta', 'lagSeconds', 'secondsUntilVotingEnd', 'secondsUntilEpochChange']);

function readsTheClock(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (CLOCK_FIELDS.has(node.name.value)) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Every answer is a function of the indexed checkpoint, so answers are kept in the
 * `ResponseCache` until the indexer commits further, and a repeated query is answered with one
 * index-only read of the watermarks. Queries reading the clock (lag, countdowns) always run; a
 * failed reading (null checkpoint) is never cached. `Cache-Control: no-cache` asks for a fresh
 * execution. (Repeated POSTs are answered before Apollo by `CachedResponseMiddleware`; this
 * plugin answers the rest, e.g. GET requests, and fills the cache.)
 */
export function responseCachePlugin(freshness: FreshnessTracker, cache: ResponseCache): ApolloServerPlugin {
  return {
    requestDidStart(start) {
      if (start.request.http?.headers.get('cache-control')?.includes('no-cache') === true) {
        return Promise.resolve({});
      }
      let key: string | undefined;
      let readAt: string | undefined;
      return Promise.resolve({
        async responseForOperation(context) {
          if (context.operation.operation !== OperationTypeNode.QUERY || readsTheClock(context.document)) {
            return null;
          }
          const current = (await freshness.current()).checkpoint;
          if (current === null) {
            return null;
          }
          readAt = current;
          key = ResponseCache.key(context.request.operationName, context.source, context.request.variables);
          const hit = cache.lookup(key, current);
          if (hit === undefined) {
            return null;
          }
          const data = JSON.parse(hit) as Record<string, unknown> | null;
          return { http: context.response.http, body: { kind: 'single', singleResult: { data } } };
        },
        willSendResponse(context) {
          const body = context.response.body;
          if (
            key !== undefined &&
            readAt !== undefined &&
            body.kind === 'single' &&
            body.singleResult.errors === undefined
          ) {
            cache.store(key, readAt, body.singleResult.data);
          }
          return Promise.resolve();
        },
      });
    },
  };
}
