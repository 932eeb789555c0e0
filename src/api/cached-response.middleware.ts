import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { ResponseCache } from 'src/api/response-cache';

interface GraphQLBody {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
}

/**
 * Answers a repeated GraphQL POST from the response cache before Apollo sees it: no parsing,
 * validation or execution, and the stored `data` is written as it was serialised. Only what the
 * plugin stored can be served (queries that passed validation, ran without errors and read no
 * clock), and only at the checkpoint it was computed at; `extensions._meta` is fresh every time.
 */
@Injectable()
export class CachedResponseMiddleware implements NestMiddleware {
  constructor(
    private readonly freshness: FreshnessTracker,
    private readonly cache: ResponseCache,
  ) {}

  use(request: IncomingMessage & { body?: unknown }, response: ServerResponse, next: () => void): void {
    const body = request.body as GraphQLBody | undefined;
    if (
      request.method !== 'POST' ||
      body === undefined ||
      typeof body.query !== 'string' ||
      (body.operationName !== undefined &&
        body.operationName !== null &&
        typeof body.operationName !== 'string') ||
      request.headers['cache-control']?.includes('no-cache') === true
    ) {
      next();
      return;
    }
    const key = ResponseCache.key(body.operationName, body.query, body.variables);
    this.freshness.current().then(
      (meta) => {
        const hit = meta.checkpoint === null ? undefined : this.cache.lookup(key, meta.checkpoint);
        if (hit === undefined) {
          next();
          return;
        }
        const payload = `{"data":${hit},"extensions":{"_meta":${JSON.stringify(meta)}}}`;
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(payload),
          'x-tusk-cache': 'hit',
        });
        response.end(payload);
      },
      () => {
        next();
      },
    );
  }
}
