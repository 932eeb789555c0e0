import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { ResponseCache } from 'src/api/response-cache';
import { cacheKeyOf, entityTagOf, matchesEntityTag, sharedCacheControl } from 'src/api/http-caching';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { QueryPrices } from 'src/api/limits/query-prices';

/**
 * Answers a repeated GraphQL request (POST, or GET as a CDN or proxy sends it) from the response
 * cache before Apollo sees it: no parsing, validation or execution, and the stored `data` is
 * written as it was serialised. Only what the plugin stored can be served (queries that passed
 * validation, ran without errors and read no clock), and only at the checkpoint it was computed
 * at; `extensions._meta` is fresh every time. A request priced before above the budget is refused
 * here again, whatever its cache headers. A GET carrying the entity tag of the current answer
 * in `If-None-Match` gets 304 without a body.
 */
@Injectable()
export class CachedResponseMiddleware implements NestMiddleware {
  constructor(
    private readonly freshness: FreshnessTracker,
    private readonly cache: ResponseCache,
    private readonly prices: QueryPrices,
    private readonly metrics: ApiLimitsMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  use(
    request: IncomingMessage & { body?: unknown; query?: unknown },
    response: ServerResponse,
    next: () => void,
  ): void {
    const requestKey = cacheKeyOf(request);
    const refusal =
      requestKey === undefined ? undefined : this.prices.refusal(requestKey, this.config.api.queryCostBudget);
    if (refusal !== undefined) {
      // Priced before and over the budget: the same refusal, without parsing it again.
      this.metrics.refused('query_too_costly');
      response.writeHead(400, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(refusal),
      });
      response.end(refusal);
      return;
    }
    const key = request.headers['cache-control']?.includes('no-cache') === true ? undefined : requestKey;
    if (key === undefined) {
      next();
      return;
    }
    const get = request.method === 'GET';
    this.freshness.current().then(
      (meta) => {
        if (meta.checkpoint === null) {
          next();
          return;
        }
        const tag = entityTagOf(meta.checkpoint, key);
        if (
          get &&
          matchesEntityTag(request.headers['if-none-match'], tag) &&
          this.cache.answered(key, meta.checkpoint)
        ) {
          response.writeHead(304, { etag: tag, 'cache-control': sharedCacheControl(this.config) });
          response.end();
          return;
        }
        const hit = this.cache.lookup(key, meta.checkpoint);
        if (hit === undefined) {
          next();
          return;
        }
        const payload = `{"data":${hit},"extensions":{"_meta":${JSON.stringify(meta)}}}`;
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
          'x-tusk-cache': 'hit',
          ...(get ? { etag: tag, 'cache-control': sharedCacheControl(this.config) } : {}),
        });
        response.end(payload);
      },
      () => {
        next();
      },
    );
  }
}
