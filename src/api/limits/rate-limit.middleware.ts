import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';

/**
 * Requests per client address: a sustained rate per second, plus a burst allowance spent above it
 * and refilled over `burst / rate` seconds (a token bucket, as rate-limiter-flexible's bursty
 * limiter composes it). Past both, the answer is 429 with `Retry-After` and a GraphQL-shaped body
 * with the code `RATE_LIMITED`. The address is Express's `req.ip`, which honours `TUSK_TRUST_PROXY`.
 */
@Injectable()
export class RateLimitMiddleware implements NestMiddleware {
  private readonly limiter: BurstyRateLimiter | undefined;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly metrics: ApiLimitsMetrics,
  ) {
    const { perSecond, burst } = config.api.rateLimit;
    this.limiter =
      perSecond === 0
        ? undefined
        : new BurstyRateLimiter(
            new RateLimiterMemory({ keyPrefix: 'rate', points: perSecond, duration: 1 }),
            new RateLimiterMemory({
              keyPrefix: 'burst',
              points: Math.max(1, burst),
              duration: Math.max(1, Math.ceil(burst / perSecond)),
            }),
          );
  }

  use(request: IncomingMessage & { ip?: string }, response: ServerResponse, next: () => void): void {
    if (this.limiter === undefined) {
      next();
      return;
    }
    const client = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    this.limiter.consume(client).then(
      () => {
        next();
      },
      (rejection: unknown) => {
        if (!(rejection instanceof RateLimiterRes)) {
          // The in-memory store does not fail; should it, serving beats refusing everyone.
          next();
          return;
        }
        this.metrics.refused('rate_limited');
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        const body = JSON.stringify({
          errors: [
            {
              message: `too many requests from ${client}; retry after ${retryAfter} s`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
            },
          ],
        });
        response.writeHead(429, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
          'retry-after': String(retryAfter),
        });
        response.end(body);
      },
    );
  }
}
