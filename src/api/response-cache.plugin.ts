// The ESM declarations, which @nestjs/apollo (ES modules only) is typed against.
import type { ApolloServerPlugin } from '@apollo/server' with { 'resolution-mode': 'import' };
import { BREAK, OperationTypeNode, visit, type DocumentNode } from 'graphql';
import type { FreshnessTracker } from 'src/api/meta/freshness.tracker';

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

/** Distinct answers kept per indexed checkpoint. */
const MAX_ENTRIES = 1000;

type CachedResult = { data?: Record<string, unknown> | null };

/**
 * Every answer is a function of the indexed checkpoint: the same query with the same variables at
 * the same checkpoint gets the same result. So results are kept until the indexer commits further
 * (at most `MAX_ENTRIES` of them, least recently used dropped first) and a repeated query is
 * answered with one index-only read of the watermarks. Queries reading the clock (lag, countdowns)
 * always run; a failed reading (null checkpoint) is never cached. `Cache-Control: no-cache` asks for a fresh execution.
 */
export function responseCachePlugin(freshness: FreshnessTracker): ApolloServerPlugin {
  let checkpoint: string | null | undefined;
  const results = new Map<string, CachedResult>();
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
          if (current !== checkpoint) {
            results.clear();
            checkpoint = current;
          }
          readAt = current;
          key = `${context.request.operationName ?? ''}\u0000${context.source}\u0000${JSON.stringify(
            context.request.variables ?? {},
          )}`;
          const hit = results.get(key);
          if (hit === undefined) {
            return null;
          }
          results.delete(key);
          results.set(key, hit);
          return { http: context.response.http, body: { kind: 'single', singleResult: { data: hit.data } } };
        },
        willSendResponse(context) {
          const body = context.response.body;
          // A result computed before the indexer moved on is not kept for the newer checkpoint.
          if (
            key !== undefined &&
            readAt === checkpoint &&
            body.kind === 'single' &&
            body.singleResult.errors === undefined &&
            !results.has(key)
          ) {
            results.set(key, { data: body.singleResult.data });
            if (results.size > MAX_ENTRIES) {
              const oldest = results.keys().next().value;
              if (oldest !== undefined) {
                results.delete(oldest);
              }
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}
