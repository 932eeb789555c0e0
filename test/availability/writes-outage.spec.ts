import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { WebhookMessage } from 'src/shard-migration/alerts/webhook-sender';
import { graphql } from 'test/support/graphql';
import { runTusk } from 'test/support/run-cli';
import { query, waitForRows } from 'test/support/indexer-harness';
import { startLiveTusk, startWebhookReceiver, type LiveTusk } from 'test/support/live-tusk';
import { until } from 'test/support/until';

interface OutageRow extends Record<string, unknown> {
  started_at: Date;
  ended_at: Date | null;
  can_write: boolean;
  can_read: boolean;
  shards_available: number;
}

const DOWN = ['node-1', 'node-2', 'node-3'];

describe('availability on the live local network', () => {
  let tusk: LiveTusk | undefined;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
  let client: Client | undefined;
  afterAll(async () => {
    await client?.dispose();
    await tusk?.close();
    await receiver?.close();
  }, 30_000);

  it('writes-outage: writes fail while nodes holding over a third of the shards are down, and recover; each down node has an incident and an alert with its impact; the early attester is flagged', async () => {
    receiver = await startWebhookReceiver();
    tusk = await startLiveTusk('writes-outage', {
      TUSK_ALERT_WEBHOOKS: receiver.url,
      TUSK_ALERT_WEBHOOK_SECRET: 'writes-outage-webhook-secret',
      TUSK_AVAILABILITY_FRESHNESS_MS: '1200',
    });
    const url = tusk.databaseUrl;
    const { port } = (tusk.app.getHttpServer() as Server).address() as AddressInfo;
    client = createClient({ url: `ws://127.0.0.1:${port}/graphql`, webSocketImpl: WebSocket, lazy: false });
    const pushed: { epoch: number; canWrite: boolean; shardsAvailable: number }[] = [];
    client.subscribe(
      { query: 'subscription { availabilityChanged { epoch canWrite shardsAvailable } }' },
      {
        next: (result) => {
          const verdict = (result.data as { availabilityChanged?: (typeof pushed)[number] } | null)
            ?.availabilityChanged;
          if (verdict !== undefined) {
            pushed.push(verdict);
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    // The outage: an interval that could not write, ended by one that can again.
    const outages = await waitForRows<OutageRow>(
      url,
      `SELECT started_at, ended_at, can_write, can_read, shards_available FROM availability_interval
       WHERE epoch = 3 ORDER BY started_at`,
      (rows) => {
        const down = rows.findIndex((row) => !row.can_write);
        return down >= 0 && rows.slice(down).some((row) => row.can_write);
      },
      120_000,
    );
    const down = outages.filter((row) => !row.can_write);
    expect(down.every((row) => row.can_read)).toBe(true);
    expect(Math.min(...down.map((row) => row.shards_available))).toBeLessThan(667);

    const incidents = await query<{
      name: string;
      reasons: string[];
      shards_affected: number;
      ended_at: Date | null;
    }>(
      url,
      `SELECT n.name, i.reasons, i.shards_affected, i.ended_at FROM node_incident i JOIN storage_node n USING (node_id)
       WHERE i.epoch = 3 AND 'unreachable' = ANY(i.reasons) ORDER BY n.name`,
    );
    expect(incidents.map((incident) => incident.name)).toEqual(DOWN);
    expect(incidents.reduce((total, incident) => total + incident.shards_affected, 0)).toBeGreaterThan(333);

    // Each down node's alert fired with its impact and resolved, delivered through the webhook.
    const messages = await waitForMessages(
      receiver.received,
      (all) =>
        DOWN.every((name) =>
          ['firing', 'resolved'].every((event) =>
            all.some(
              (m) =>
                m.alert.kind === 'node_unavailable' && m.alert.details.name === name && m.event === event,
            ),
          ),
        ),
      60_000,
    );
    for (const name of DOWN) {
      const firing = messages.filter(
        (m) => m.alert.kind === 'node_unavailable' && m.event === 'firing' && m.alert.details.name === name,
      );
      expect(firing.map((m) => m.alert.details.reason)).toContain('unreachable');
      expect(firing[0]?.alert.details).toMatchObject({
        operator: name,
        stakeAffected: expect.stringMatching(/^[1-9]\d*$/) as unknown,
        delegatorsAffected: expect.any(Number) as unknown,
        writeThreshold: 667,
      });
    }
    // Once all three are down, the alert says writes fail now.
    expect(
      messages.some((m) => m.alert.kind === 'node_unavailable' && /writes fail now/.test(m.alert.summary)),
    ).toBe(true);
    expect(messages.some((m) => m.alert.kind === 'writes_at_risk' && m.event === 'firing')).toBe(true);

    // The same story through the API.
    const during = down[0]?.started_at;
    expect(during).toBeDefined();
    const asOf = new Date((during?.getTime() ?? 0) + 1).toISOString();
    const past = await graphql(
      tusk.app,
      `{ availability(asOf: "${asOf}") { epoch canRead canWrite shardsAvailable shardsUnavailable nShards
           readThreshold writeThreshold writesFailAfterNodes missing { name reason unavailableShards } } }`,
      { fresh: true },
    );
    expect(past.errors).toBeUndefined();
    const then = past.data?.availability as {
      canWrite: boolean;
      shardsAvailable: number;
      shardsUnavailable: number;
      nShards: number;
      readThreshold: number;
      writeThreshold: number;
      writesFailAfterNodes: number;
      missing: { name: string; reason: string; unavailableShards: number }[];
    };
    expect(then).toMatchObject({
      canWrite: false,
      readThreshold: 334,
      writeThreshold: 667,
      writesFailAfterNodes: 0,
    });
    expect(then.shardsAvailable + then.shardsUnavailable).toBe(then.nShards);
    expect(then.missing.filter((m) => m.reason === 'UNREACHABLE').map((m) => m.name)).toEqual(
      expect.arrayContaining(DOWN),
    );
    const now = await graphql(
      tusk.app,
      `
        {
          availability {
            canRead
            canWrite
            history {
              from
              to
              canRead
              canWrite
              minShardsAvailable
            }
          }
        }
      `,
      { fresh: true },
    );
    expect(now.errors).toBeUndefined();
    const latest = now.data?.availability as {
      canWrite: boolean;
      history: {
        from: string;
        to: string | null;
        canRead: boolean;
        canWrite: boolean;
        minShardsAvailable: number;
      }[];
    };
    expect(latest.canWrite).toBe(true);
    const writeOutage = latest.history.find((outage) => !outage.canWrite);
    expect(writeOutage?.to).not.toBeNull();
    expect(writeOutage?.minShardsAvailable).toBeLessThan(667);
    // The subscription pushed the verdict going down and coming back.
    const wentDownAndBack = () => {
      const firstDown = pushed.findIndex((verdict) => !verdict.canWrite && verdict.epoch === 3);
      return firstDown >= 0 && pushed.slice(firstDown).some((verdict) => verdict.canWrite);
    };
    await until(wentDownAndBack, 'the write verdict pushed going down and coming back', 30_000);
    // Per operator: the incident in the list and the uptime it costs.
    const operators = await graphql(
      tusk.app,
      `
        {
          operators(first: 20) {
            edges {
              node {
                name
                availability {
                  uptime {
                    window
                    uptime
                    incidents
                  }
                  incidents(last: 10) {
                    reasons
                    shardsAffected
                    endedAt
                    stakeAffected
                  }
                  healthHistory(first: 200) {
                    reachable
                    reason
                  }
                }
              }
            }
          }
        }
      `,
      { fresh: true },
    );
    expect(operators.errors).toBeUndefined();
    const byName = new Map(
      (
        operators.data?.operators as {
          edges: {
            node: {
              name: string;
              availability: {
                uptime: { window: string; uptime: number | null; incidents: number }[];
                incidents: { reasons: string[]; shardsAffected: number; endedAt: string | null }[];
                healthHistory: { reachable: boolean; reason: string | null }[];
              };
            };
          }[];
        }
      ).edges.map((edge) => [edge.node.name, edge.node.availability]),
    );
    for (const name of DOWN) {
      const availability = byName.get(name);
      expect(availability?.incidents.some((incident) => incident.reasons.includes('UNREACHABLE'))).toBe(true);
      const day = availability?.uptime.find((uptime) => uptime.window === '24h');
      expect(day?.uptime).toBeGreaterThan(0);
      expect(day?.uptime).toBeLessThan(1);
      expect(availability?.healthHistory.some((stretch) => stretch.reason === 'UNREACHABLE')).toBe(true);
    }
    // `tusk health --committee` prints every member with its bar, and the verdict against both bars.
    const committee = await runTusk(['health', '--committee', '--tusk', tusk.graphqlUrl]);
    expect(committee).toMatchObject({ code: 0, stderr: '' });
    expect(committee.stdout).toMatch(/^Committee of epoch \d+/);
    for (const name of DOWN) {
      expect(committee.stdout).toMatch(new RegExp(`^${name} +\\[[#-]{20}\\] \\d+/\\d+ ready`, 'm'));
    }
    expect(committee.stdout).toMatch(/^Reads {2}\[[#-]{30}\] \d+\/334 {2}(OK|FAIL)$/m);
    expect(committee.stdout).toMatch(/^Writes \[[#-]{30}\] \d+\/667 {2}(OK|FAIL)$/m);

    const future = await graphql(tusk.app, '{ availability(asOf: "2999-01-01T00:00:00Z") { canWrite } }');
    expect(future.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const bad = await graphql(
      tusk.app,
      '{ incidents(from: "2026-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z") { id } }',
    );
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');

    // The early attester of epoch 2.
    const audits = await query<{ name: string; verdict: string; not_ready_shards: number | null }>(
      url,
      `SELECT n.name, a.verdict, a.not_ready_shards FROM attestation_audit a JOIN storage_node n USING (node_id)
       WHERE a.epoch = 2 ORDER BY n.name`,
    );
    expect(audits.filter((audit) => audit.verdict === 'premature').map((audit) => audit.name)).toEqual([
      'node-12',
    ]);
  }, 180_000);
});

async function waitForMessages(
  received: readonly { body: string }[],
  done: (messages: WebhookMessage[]) => boolean,
  timeoutMs: number,
): Promise<WebhookMessage[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = received.map((webhook) => JSON.parse(webhook.body) as WebhookMessage);
    if (done(messages) || Date.now() > deadline) {
      return messages;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
