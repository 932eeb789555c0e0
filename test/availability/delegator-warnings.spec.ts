import type { WebhookMessage } from 'src/shard-migration/alerts/webhook-sender';
import { query, waitForRows } from 'test/support/indexer-harness';
import { startLiveTusk, startWebhookReceiver, type LiveTusk } from 'test/support/live-tusk';

interface AlertRow extends Record<string, unknown> {
  kind: string;
  epoch: number;
  details: Record<string, unknown>;
  opened_at: Date;
}

describe('early warnings for delegators on the live local network', () => {
  let tusk: LiveTusk | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  afterAll(async () => {
    await tusk?.close();
    await receiver?.close();
  }, 30_000);

  it('commission-hike: the scheduled rise is alerted in the epoch it was set, with the deadline to avoid it; the exit risk and the slashing vote follow', async () => {
    receiver = await startWebhookReceiver();
    tusk = await startLiveTusk('commission-hike', {
      TUSK_ALERT_WEBHOOKS: receiver.url,
      TUSK_ALERT_WEBHOOK_SECRET: 'delegator-warnings-webhook-secret',
    });
    const url = tusk.databaseUrl;
    const alerts = await waitForRows<AlertRow>(
      url,
      `SELECT kind, epoch, details, opened_at FROM alert
       WHERE kind IN ('commission_change_scheduled', 'committee_exit_risk', 'slashing_vote_opened') ORDER BY id`,
      (rows) =>
        ['commission_change_scheduled', 'slashing_vote_opened', 'committee_exit_risk'].every((kind) =>
          rows.some((r) => r.kind === kind),
        ),
      150_000,
    );
    // node-2 scheduled 60% at epoch 1's Done, effective in epoch 3: warned in epoch 1, not in 3.
    const hike = alerts.find((alert) => alert.kind === 'commission_change_scheduled');
    expect(hike).toMatchObject({
      epoch: 1,
      details: {
        name: 'node-2',
        currentRate: 500,
        newRate: 6000,
        effectiveEpoch: 3,
        requestWithdrawalInEpoch: 2,
      },
    });
    const before = hike?.details.requestWithdrawalBefore as string;
    // Half an epoch into epoch 2 at the earliest: after the alert, before the rate takes effect.
    const [epoch3] = await query<{ started_at: Date }>(url, 'SELECT started_at FROM epoch WHERE epoch = 3');
    expect(new Date(before).getTime()).toBeGreaterThan(hike?.opened_at.getTime() ?? Infinity);
    expect(new Date(before).getTime()).toBeLessThan(epoch3?.started_at.getTime() ?? 0);
    // Its operator's stake gone after epoch 3's Done, node-2 would earn no shard any more.
    expect(alerts.find((alert) => alert.kind === 'committee_exit_risk')?.details).toMatchObject({
      name: 'node-2',
      smallestStakeWithShards: expect.stringMatching(/^\d+$/) as unknown,
    });
    // The vote against node-2 in epoch 4, with its weight against the quorum.
    const vote = alerts.find((alert) => alert.kind === 'slashing_vote_opened');
    expect(vote).toMatchObject({ epoch: 4, details: { name: 'node-2', quorumWeight: 667 } });
    // The webhook carried the warning with its deadline.
    const deadline = Date.now() + 30_000;
    let messages: WebhookMessage[] = [];
    while (Date.now() < deadline) {
      messages = receiver.received.map((hook) => JSON.parse(hook.body) as WebhookMessage);
      if (messages.some((m) => m.alert.kind === 'commission_change_scheduled')) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const sent = messages.find((m) => m.alert.kind === 'commission_change_scheduled' && m.event === 'firing');
    expect(sent?.alert.summary).toMatch(
      /^node-2 raises its commission from 5\.00% to 60\.00% in epoch 3: request a withdrawal/,
    );
    expect(sent?.alert.details).toMatchObject({
      node: expect.stringMatching(/^0x/) as unknown,
      operator: 'node-2',
    });
  }, 200_000);
});
