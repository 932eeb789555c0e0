import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, trustedProxies, type AppConfig } from 'src/config/app-config';

/**
 * Requests per client address: a sustained rate per second, plus a burst allowance spent above it
 * and refilled over `burst / rate` seconds (a token bucket, as rate-limiter-flexible's bursty
 * limiter composes it). The address is the socket's peer, or the client a trusted proxy names in
 * `X-Forwarded-For` (`TUSK_TRUST_PROXY`, read as Express reads its `trust proxy` setting).
 */
@Injectable()
export class ClientRateLimit {
  private readonly limiter: BurstyRateLimiter | undefined;
  private readonly trusted: (address: string, hop: number) => boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
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
    this.trusted = trustedProxies(config.api.trustProxy);
  }

  /**
   * Counts a request against its client's rate: undefined when it is admitted, else who the client
   * is and the seconds after which it may try again.
   */
  async refusal(request: IncomingMessage): Promise<{ client: string; retryAfter: number } | undefined> {
    if (this.limiter === undefined) {
      return undefined;
    }
    const client = proxyAddr(request, this.trusted);
    try {
      await this.limiter.consume(client);
      return undefined;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) {
        // The in-memory store does not fail; should it, serving beats refusing everyone.
        return undefined;
      }
      return { client, retryAfter: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
    }
  }
}
