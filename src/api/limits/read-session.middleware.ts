import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { DataSource } from 'typeorm';
import { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { DatabaseControl } from 'src/database/database-control';
import { ReadSession } from 'src/database/read-session';
import { FRESHNESS_OPENING_READ } from 'src/api/meta/freshness.tracker';
import { withReadScope } from 'src/store/read-scope';

/**
 * Each GraphQL request is one read scope with its own read session: what every resolver shares is
 * read once, from one snapshot, within the request's deadline. The session ends when the response
 * does, or when the client goes away first (its statements are then cancelled).
 */
@Injectable()
export class ReadSessionMiddleware implements NestMiddleware {
  constructor(
    private readonly dataSource: DataSource,
    private readonly control: DatabaseControl,
    private readonly metrics: ApiLimitsMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  use(_request: unknown, response: ServerResponse, next: () => void): void {
    const session = new ReadSession(
      this.dataSource,
      this.control,
      this.config.api.requestDeadlineMs,
      () => {
        this.metrics.statementCancelled();
      },
      // Every answer's `_meta` is read in its snapshot: with the transaction's beginning.
      FRESHNESS_OPENING_READ,
    );
    response.once('close', () => {
      void session.close();
    });
    withReadScope(next, session);
  }
}
