import type { IBackoffFactory } from 'cockatiel';
import { delayAfterFailures, exponentialBackoff, type BackoffSettings } from 'src/common/resilience/backoff';
import type { DataSource } from 'typeorm';
import { AlertRepository, type DeliveryRecord } from 'src/store/alerts/alert.repository';
import { SIGNATURE_HEADER, signWebhook } from 'src/shard-migration/alerts/webhook-signature';

/** Attempts before a message is given up (the backoff reaches its cap of 5 minutes by then). */
export const MAX_DELIVERY_ATTEMPTS = 12;

/** The JSON a webhook receives. */
export interface WebhookMessage {
  readonly event: 'firing' | 'resolved';
  readonly alert: {
    readonly id: string;
    readonly kind: string;
    readonly epoch: number;
    readonly subject: string;
    readonly summary: string;
    readonly details: Record<string, unknown>;
    readonly openedAt: string;
    readonly resolvedAt: string | null;
    readonly resolution: string | null;
  };
  readonly deliveryId: string;
  readonly attempt: number;
}

/**
 * The webhooks' retry schedule: from 1 s doubling to 5 minutes. Retries are due at a time kept in
 * the database (the outbox), not slept through, so that they survive a restart or a new leader.
 */
export const WEBHOOK_BACKOFF: BackoffSettings = { initialMs: 1000, maxMs: 300_000 };

/**
 * Sends queued alert messages: POSTs signed JSON (HMAC-SHA256, see `webhook-signature.ts`),
 * counts a 2xx as delivered, and retries anything else with capped exponential backoff.
 */
export class WebhookSender {
  private readonly backoff: IBackoffFactory<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: {
      readonly secret: string;
      readonly timeoutMs: number;
      readonly baseBackoffMs?: number;
    },
  ) {
    this.backoff = exponentialBackoff(
      { initialMs: options.baseBackoffMs ?? WEBHOOK_BACKOFF.initialMs, maxMs: WEBHOOK_BACKOFF.maxMs },
      false,
    );
  }

  async deliverDue(now: Date): Promise<{ delivered: number; failed: number }> {
    let delivered = 0;
    let failed = 0;
    await this.dataSource.transaction(async (manager) => {
      const due = await AlertRepository.claimDueDeliveries(manager, now, 50);
      for (const delivery of due) {
        const error = await this.send(delivery);
        if (error === undefined) {
          delivered++;
          await AlertRepository.markDelivered(manager, delivery.id, new Date());
          continue;
        }
        failed++;
        const attempts = delivery.attempts + 1;
        const backoffMs = delayAfterFailures(this.backoff, attempts);
        await AlertRepository.markFailed(
          manager,
          delivery.id,
          error,
          attempts >= MAX_DELIVERY_ATTEMPTS
            ? { giveUp: true }
            : { nextAttemptAt: new Date(Date.now() + backoffMs) },
        );
      }
    });
    return { delivered, failed };
  }

  /** Sends one message; the reason it failed, or undefined. */
  private async send(delivery: DeliveryRecord): Promise<string | undefined> {
    const { alert } = delivery;
    const message: WebhookMessage = {
      event: delivery.event,
      alert: {
        id: alert.id,
        kind: alert.kind,
        epoch: alert.epoch,
        subject: alert.subject,
        summary: alert.summary,
        details: alert.details,
        openedAt: alert.openedAt.toISOString(),
        resolvedAt: alert.resolvedAt?.toISOString() ?? null,
        resolution: alert.resolution,
      },
      deliveryId: delivery.id,
      attempt: delivery.attempts + 1,
    };
    const body = JSON.stringify(message);
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'tusk-alerts',
          'x-tusk-delivery': delivery.id,
          [SIGNATURE_HEADER]: signWebhook(this.options.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    }
  }
}
