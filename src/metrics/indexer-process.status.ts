import { Inject, Injectable } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';

/** How long the indexer process may take to answer for its health or its metrics. */
const STATUS_TIMEOUT_MS = 2000;

/** The checks the indexer process reports, as they appear in the API process's `/health`. */
const INDEXER_CHECKS = ['chain', 'indexer'] as const;

interface HealthBody {
  readonly details?: Record<string, { readonly status?: string } & Record<string, unknown>>;
}

/**
 * The indexer process beside this API process (`tusk start`, role `all`): its health checks and
 * its metrics, read over loopback from where it serves them, so that the public `/health` and
 * `/metrics` answer for both processes. The indexer's event loop is not the one queries load, so
 * it answers promptly however busy the API is.
 */
@Injectable()
export class IndexerProcessStatus {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** True when this process is an API process with an indexer process beside it. */
  get present(): boolean {
    return this.config.indexerStatusUrl !== undefined;
  }

  /** The indexer's `chain` and `indexer` checks; `indexer` down when it does not answer. */
  async health(): Promise<HealthIndicatorResult> {
    let body: HealthBody;
    try {
      // `/health` answers 503 with the same body when a check is down: both are readings.
      const response = await fetch(`${this.config.indexerStatusUrl ?? ''}/health`, {
        signal: AbortSignal.timeout(STATUS_TIMEOUT_MS),
      });
      body = (await response.json()) as HealthBody;
    } catch (error) {
      return {
        indexer: {
          status: 'down',
          message: `the indexer process does not answer: ${error instanceof Error ? error.message : String(error)}`,
        },
      };
    }
    const results: HealthIndicatorResult = {};
    for (const key of INDEXER_CHECKS) {
      const reported = body.details?.[key];
      if (reported === undefined) {
        continue;
      }
      results[key] = { ...reported, status: reported.status === 'up' ? 'up' : 'down' };
    }
    return results;
  }

  /** The indexer's metrics in the text format; empty when it does not answer. */
  async metrics(): Promise<string> {
    try {
      const response = await fetch(`${this.config.indexerStatusUrl ?? ''}/metrics`, {
        signal: AbortSignal.timeout(STATUS_TIMEOUT_MS),
      });
      return response.ok ? await response.text() : '';
    } catch {
      return '';
    }
  }
}
