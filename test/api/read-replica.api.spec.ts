import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { loadAppConfig } from 'src/config/app-config';
import { createApp } from 'src/main';
import { startLiveTusk, type LiveTusk } from 'test/support/live-tusk';
import { startStreamingReplica, type StreamingReplica } from 'test/support/streaming-replica';

interface MetaAnswer {
  data: {
    _meta: {
      checkpoint: string | null;
      replica: { lagSeconds: number | null; lagBytes: string | null; behind: boolean } | null;
    };
    operators?: { totalCount: number };
  };
  extensions: { _meta: { checkpoint: string | null } };
}

/** Polls `read` until `accept` holds; fails with the last value after `timeoutMs`. */
async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`gave up waiting; last value: ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('--role api on a real PostgreSQL streaming replica (DATABASE_READ_URL)', () => {
  let primary: LiveTusk;
  let replica: StreamingReplica;
  let api: INestApplication;

  beforeAll(async () => {
    // The indexer writes to the primary in real time; the replica streams its WAL.
    primary = await startLiveTusk('steady-state');
    await eventually(
      () => primaryCheckpoint(primary.databaseUrl),
      (checkpoint) => checkpoint !== null,
    );
    replica = await startStreamingReplica(primary.databaseUrl);
    const config = loadAppConfig({
      APP_ROLE: 'api',
      DATABASE_READ_URL: replica.url,
      DATABASE_URL: primary.databaseUrl,
      TUSK_NETWORK: 'local',
      TUSK_REPLICA_MAX_LAG_SECONDS: '3',
      TUSK_REPLICA_POLL_MS: '100',
      TUSK_RATE_LIMIT_PER_SECOND: '0',
      PORT: '0',
    });
    api = await createApp(config, { quiet: true });
    await api.init();
  }, 120_000);

  afterAll(async () => {
    await api.close();
    await replica.stop();
    await primary.close();
  });

  function ask(query: string) {
    return request(api.getHttpServer() as Server)
      .post('/graphql')
      .send({ query })
      .then((response) => response.body as MetaAnswer);
  }

  it('serves what the primary indexed, following it, with _meta and data from one snapshot', async () => {
    const written = await primaryCheckpoint(primary.databaseUrl);
    // The replica answers at or past what the primary had written a moment ago: it follows.
    const answer = await eventually(
      () =>
        ask(
          '{ _meta { checkpoint replica { lagSeconds lagBytes behind } } operators(first: 1) { totalCount } }',
        ),
      (body) =>
        body.data._meta.checkpoint !== null && BigInt(body.data._meta.checkpoint) >= BigInt(written ?? '0'),
    );
    expect(answer.data.operators?.totalCount).toBeGreaterThan(0);
    expect(answer.data._meta.replica?.behind).toBe(false);
    expect(answer.data._meta.replica?.lagBytes).not.toBeNull();
    // The data's _meta and the response's extensions._meta were read in the same transaction.
    expect(answer.extensions._meta.checkpoint).toBe(answer.data._meta.checkpoint);
    const health = await request(api.getHttpServer() as Server).get('/health');
    expect(health.status).toBe(200);
    expect((health.body as { details: { replica: { status: string } } }).details.replica.status).toBe('up');
  });

  it('reports a replica lagging past its bound in _meta and /health, and recovers when it catches up', async () => {
    const replicaAdmin = new Client({ connectionString: replica.url });
    await replicaAdmin.connect();
    try {
      await replicaAdmin.query('SELECT pg_wal_replay_pause()');
      const behind = await eventually(
        () => ask('{ _meta { checkpoint replica { lagSeconds lagBytes behind } } }'),
        (body) => body.data._meta.replica?.behind === true,
      );
      expect(behind.data._meta.replica?.lagSeconds ?? 0).toBeGreaterThan(3);
      expect(BigInt(behind.data._meta.replica?.lagBytes ?? '0')).toBeGreaterThan(0n);
      const health = await request(api.getHttpServer() as Server).get('/health');
      expect(health.status).toBe(503);
      expect(JSON.stringify(health.body)).toContain('"replica"');

      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
      await eventually(
        () => ask('{ _meta { replica { behind } } }'),
        (body) => body.data._meta.replica?.behind === false,
      );
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
      await replicaAdmin.end();
    }
  });
});

async function primaryCheckpoint(databaseUrl: string): Promise<string | null> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ checkpoint: string | null }>(
      `SELECT min(checkpoint_hi_inclusive)::text AS checkpoint FROM pipeline_watermark`,
    );
    const checkpoint = rows[0]?.checkpoint ?? null;
    return checkpoint === null || checkpoint === '-1' ? null : checkpoint;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}
