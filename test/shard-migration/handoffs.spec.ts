import { verifyWebhook } from 'src/shard-migration/alerts/webhook-signature';
import type { WebhookMessage } from 'src/shard-migration/alerts/webhook-sender';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { runCli } from 'src/cli';
import { query, waitForRows } from 'test/support/indexer-harness';
import { startLiveTusk, startWebhookReceiver, type LiveTusk } from 'test/support/live-tusk';
import { until } from 'test/support/until';

const SECRET = 'handoff-test-secret';

interface MigrationRow extends Record<string, unknown> {
  epoch: number;
  status: string;
  moved_shards: number;
  done_at: Date | null;
  ended_at: Date | null;
}

describe('shard handoffs on the live local network', () => {
  let tusk: LiveTusk | undefined;
  afterEach(async () => {
    await tusk?.close();
    tusk = undefined;
  }, 30_000);

  it('stuck-transfer: the stall is detected, alerted through a signed webhook with retries, and resolved', async () => {
    const receiver = await startWebhookReceiver(2);
    try {
      tusk = await startLiveTusk('stuck-transfer', {
        TUSK_ALERT_WEBHOOKS: receiver.url,
        TUSK_ALERT_WEBHOOK_SECRET: SECRET,
      });
      const url = tusk.databaseUrl;
      // An operator watching live: every change of epoch 2's progress is pushed.
      const pushed: { epoch: number; received: number; atRisk: boolean; stalls: number }[] = [];
      const socket = createClient({ url: tusk.graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket });
      const stopWatching = socket.subscribe<{
        shardMigrationProgress: {
          epoch: number;
          progress: { received: number };
          quorum: { atRisk: boolean };
          stalls: unknown[];
        };
      }>(
        {
          query:
            'subscription { shardMigrationProgress(epoch: 2) { epoch progress { received } quorum { atRisk } stalls { id } } }',
        },
        {
          next: ({ data }) => {
            const value = data?.shardMigrationProgress;
            if (value !== undefined) {
              pushed.push({
                epoch: value.epoch,
                received: value.progress.received,
                atRisk: value.quorum.atRisk,
                stalls: value.stalls.length,
              });
            }
          },
          error: () => undefined,
          complete: () => undefined,
        },
      );
      // Epoch 3 starts only after epoch 2's handoff: by then every alert of epoch 2 resolved.
      await waitForRows<MigrationRow>(
        url,
        'SELECT * FROM shard_migration WHERE epoch = 2 AND ended_at IS NOT NULL',
        (rows) => rows.length === 1,
        60_000,
      );
      // The orchestrator resolves what cleared on its next ticks: on a loaded machine, a little after.
      const alerts = await waitForRows<{
        kind: string;
        subject: string;
        resolved_at: Date | null;
        resolution: string | null;
        name: string;
      }>(
        url,
        `SELECT a.kind, a.subject, a.resolved_at, a.resolution, n.name FROM alert a
         LEFT JOIN storage_node n ON n.node_id = a.subject WHERE a.epoch = 2 ORDER BY a.id`,
        (rows) => rows.length > 0 && rows.every((a) => a.resolved_at !== null),
        30_000,
      );
      const stalls = alerts.filter((a) => a.kind === 'handoff_stalled');
      expect(stalls.length).toBeGreaterThan(0);
      expect(new Set(stalls.map((a) => `${a.name}/${a.resolution ?? ''}`))).toEqual(
        new Set(['node-11/cleared']),
      );
      expect(alerts.every((a) => a.resolved_at !== null)).toBe(true);
      const moves = await query<{ state: string; escalated: boolean }>(
        url,
        `SELECT DISTINCT state, escalated FROM shard_move m JOIN storage_node n ON n.node_id = m.to_node
         WHERE m.epoch = 2 AND n.name = 'node-11' ORDER BY escalated`,
      );
      // Every move arrived; Tusk escalated the ones that made no progress before the node did.
      expect(moves).toEqual([
        { state: 'received', escalated: false },
        { state: 'received', escalated: true },
      ]);
      const recovered = await query<{ count: string }>(
        url,
        `SELECT count(*) FROM shard_move_transition t JOIN shard_move m USING (epoch, shard)
         JOIN storage_node n ON n.node_id = m.to_node WHERE t.epoch = 2 AND n.name = 'node-11' AND t.to_state = 'recovering'`,
      );
      expect(Number(recovered[0]?.count)).toBeGreaterThan(0);
      // Two refusals, then every firing and resolved message of epoch 2, signed.
      await waitForRows(
        url,
        'SELECT 1 FROM alert_delivery WHERE delivered_at IS NULL AND NOT gave_up',
        (rows) => rows.length === 0,
        20_000,
      );
      expect(receiver.refused).toBe(2);
      const messages = receiver.received.map((hook) => {
        expect(
          verifyWebhook(SECRET, hook.body, String(hook.headers['x-tusk-signature']), Date.now() / 1000),
        ).toBe(true);
        return JSON.parse(hook.body) as WebhookMessage;
      });
      const stalled = messages.filter((m) => m.alert.kind === 'handoff_stalled' && m.alert.epoch === 2);
      expect(stalled.length).toBe(2 * stalls.length);
      for (const id of new Set(stalled.map((m) => m.alert.id))) {
        expect(stalled.filter((m) => m.alert.id === id).map((m) => m.event)).toEqual(['firing', 'resolved']);
      }
      // Each names the node and its operator, with what is at stake.
      expect(stalled[0]?.alert.details).toMatchObject({
        name: 'node-11',
        operator: 'node-11',
        shards: expect.any(Number) as unknown,
        stakeAffected: expect.stringMatching(/^[1-9]\d*$/) as unknown,
        delegatorsAffected: expect.any(Number) as unknown,
        writeThreshold: 667,
      });
      expect(stalled[0]?.alert.summary).toMatch(
        /\(\d+ shards, [\d,]+ WAL staked by \d+ delegators?; writes fail/,
      );

      // The watcher hears of the resolution on the subscription's next look, which on a loaded
      // machine may come after the alert rows changed.
      await until(() => pushed.at(-1)?.stalls === 0, 'the resolved stall to be pushed', 20_000);
      stopWatching();
      await socket.dispose();
      expect(pushed.every((event) => event.epoch === 2)).toBe(true);
      // The stall was pushed as it opened, and the progress as the moves arrived.
      expect(pushed.some((event) => event.stalls > 0)).toBe(true);
      expect(new Set(pushed.map((event) => event.received)).size).toBeGreaterThan(2);

      // The operator's views: GraphQL and the terminal agree with the tables.
      const response = await fetch(tusk.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ shardMigration(epoch: 2) { kind status movedShards progress { received failed }
                    quorum { reached attestedWeight } nodes { name gained attested }
                    alerts { kind resolution } } }`,
        }),
      });
      const { data } = (await response.json()) as {
        data: {
          shardMigration: {
            kind: string;
            status: string;
            movedShards: number;
            progress: { received: number; failed: number };
            quorum: { reached: boolean; attestedWeight: number };
            nodes: { name: string; gained: number; attested: boolean }[];
            alerts: { kind: string; resolution: string }[];
          };
        };
      };
      const view = data.shardMigration;
      expect(view).toMatchObject({ kind: 'LIVE', status: 'DONE', quorum: { reached: true } });
      expect(view.progress).toEqual({ received: view.movedShards, failed: 0 });
      expect(view.nodes.find((node) => node.name === 'node-11')).toEqual({
        name: 'node-11',
        gained: 97,
        attested: true,
      });
      expect(view.alerts).toContainEqual({ kind: 'handoff_stalled', resolution: 'cleared' });
      let printed = '';
      const status = await runCli(['migration', 'status', '--epoch', '2', '--url', tusk.graphqlUrl], {
        stdout: (text) => (printed += text),
        stderr: (text) => (printed += text),
      });
      expect(status).toBe(0);
      expect(printed).toContain('Shard handoff into epoch 2: LIVE DONE');
      expect(printed).toMatch(/node-11 +CONTINUING +130 +97 +0 +97\/97/);
      const refused = await runCli(['migration', 'plan', '--epoch', 'x', '--url', tusk.graphqlUrl], {
        stdout: () => undefined,
        stderr: () => undefined,
      });
      expect(refused).toBe(2);
    } finally {
      await receiver.close();
    }
  }, 120_000);
});
