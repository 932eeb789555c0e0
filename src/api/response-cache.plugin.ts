// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { BREAK, OperationTypeNode, visit, type DocumentNode } from 'graphql';
import { entityTagOf, operationKeyOf, sharedCacheControl } from 'src/api/http-caching';
import type { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { type ResponseCache } from 'src/api/response-cache';
import type { AppConfig } from 'src/config/app-config';
import { currentReadSession } from 'src/store/read-scope';

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
 * index-only read of the watermarks. An answer is kept under the checkpoint of the snapshot it was
 * read from (the request's read session), not the one current when it started. Queries reading
 * the clock (lag, countdowns) always run; a failed reading (null checkpoint) is never cached.
 * `Cache-Control: no-cache` asks for a fresh execution. A GET's cacheable answer carries an entity
 * tag and `Cache-Control` for shared caches; any other GET answer, `no-store`.
 * (Repeated requests are answered before Apollo by `GraphQLFrontDoor`; this plugin answers
 * the rest and fills the cache.)
 */
export function responseCachePlugin(
  freshness: FreshnessTracker,
  cache: ResponseCache,
  config: AppConfig,
): ApolloServerPlugin {
  return {
    requestDidStart(start) {
      const get = start.request.http?.method === 'GET';
      if (start.request.http?.headers.get('cache-control')?.includes('no-cache') === true) {
        return Promise.resolve({
          willSendResponse({ response }) {
            if (get) {
              response.http.headers.set('cache-control', 'no-store');
            }
            return Promise.resolve();
          },
        });
      }
      let key: string | undefined;
      let readAt: string | undefined;
      return Promise.resolve({
        async responseForOperation(context) {
          if (context.operation.operation !== OperationTypeNode.QUERY || readsTheClock(context.document)) {
            return null;
          }
          key = operationKeyOf(context.request, context.source);
          // A request with a read session looks up (and later stores) its answer at the checkpoint
          // of its own snapshot, read within its deadline; it would read that snapshot anyway.
          const session = currentReadSession();
          const latest =
            session === undefined
              ? (await freshness.current()).checkpoint
              : ((await freshness.inSnapshot(session.manager).catch(() => undefined))?.checkpoint ?? null);
          const hit = latest === null ? undefined : cache.lookup(key, latest);
          if (latest !== null && hit !== undefined) {
            readAt = latest;
            const data = JSON.parse(hit.toString('utf8')) as Record<string, unknown> | null;
            return { http: context.response.http, body: { kind: 'single', singleResult: { data } } };
          }
          // It runs: its answer belongs to the snapshot it is read from.
          readAt = latest ?? undefined;
          return null;
        },
        willSendResponse({ response }) {
          const body = response.body;
          const stored =
            key !== undefined &&
            readAt !== undefined &&
            body.kind === 'single' &&
            body.singleResult.errors === undefined
              ? { key, readAt }
              : undefined;
          if (stored !== undefined && body.kind === 'single') {
            cache.store(stored.key, stored.readAt, body.singleResult.data);
          }
          if (get) {
            if (stored !== undefined) {
              response.http.headers.set('etag', entityTagOf(stored.readAt, stored.key));
              response.http.headers.set('cache-control', sharedCacheControl(config));
            } else {
              response.http.headers.set('cache-control', 'no-store');
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
