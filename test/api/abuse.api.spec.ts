import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { Client as PgClient } from 'pg';
import request from 'supertest';
import WebSocket from 'ws';
import { startIndexedApi, waitForRows, type IndexedApi } from 'test/support/indexer-harness';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions: Record<string, unknown> & { code: string } }[];
}

const DEADLINE_MS = 600;

describe('the API under abuse: deadlines, rate limits, response size, WebSocket limits, cacheable GETs', () => {
  let api: IndexedApi;
  let server: Server;
  let wsUrl: string;
  let nextClient = 1;

  beforeAll(async () => {
    api = await startIndexedApi(
      'steady-state',
      53,
      1,
      {},
      {
        TUSK_REQUEST_DEADLINE_MS: String(DEADLINE_MS),
        TUSK_RATE_LIMIT_PER_SECOND: '5',
        TUSK_RATE_LIMIT_BURST: '5',
        // Each test is a client of its own, named by X-Forwarded-For from loopback.
        TUSK_TRUST_PROXY: 'loopback',
        TUSK_MAX_RESPONSE_BYTES: '20000',
        TUSK_WS_CONNECTIONS_PER_IP: '2',
        TUSK_WS_SUBSCRIPTIONS_PER_CONNECTION: '2',
      },
    );
    await api.app.listen(0, '127.0.0.1');
    server = api.app.getHttpServer() as Server;
    wsUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }, 90_000);

  afterAll(async () => {
    await api.close();
  });

  /** A client address of its own, so that one test's requests do not spend another's rate. */
  function newClient(): string {
    return `10.0.0.${nextClient++}`;
  }

  function post(client: string, query: string, headers: Record<string, string> = {}) {
    return request(server).post('/graphql').set('X-Forwarded-For', client).set(headers).send({ query });
  }

  it('cancels the database work of a request past its deadline and answers TIMEOUT', async () => {
    const client = newClient();
    const locker = new PgClient({ connectionString: api.databaseUrl });
    await locker.connect();
    try {
      // Whatever reads the staking state now waits on this lock: the request cannot finish in time.
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE staking_state IN ACCESS EXCLUSIVE MODE');
      const response = await post(client, '{ operators(first: 5) { totalCount } }', {
        'Cache-Control': 'no-cache',
      });
      const body = response.body as Answer;
      expect(response.status).toBe(503);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions.code).toBe('TIMEOUT');
      expect(body.errors?.[0]?.message).toContain(`${DEADLINE_MS} ms`);
      // While the lock is still held, no statement of the API waits on it: it was cancelled.
      const lockerPid = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      await waitForRows<{ waiting: string }>(
        api.databaseUrl,
        `SELECT count(*) AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> ${lockerPid ?? 0}`,
        ([row]) => row?.waiting === '0',
        20_000,
      );
      await locker.query('ROLLBACK');
      // The connection went back to the pool in a usable state: the same query now answers.
      const after = await post(client, '{ operators(first: 5) { totalCount } }', {
        'Cache-Control': 'no-cache',
      });
      expect((after.body as Answer).errors).toBeUndefined();
      expect(
        (after.body as { data: { operators: { totalCount: number } } }).data.operators.totalCount,
      ).toBeGreaterThan(0);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      await locker.end();
    }
  });

  it('answers 429 with Retry-After past a client rate, and keeps serving other clients', async () => {
    const greedy = newClient();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post(greedy, '{ network { epoch } }')),
    );
    const refused = responses.filter((response) => response.status === 429);
    // 5 per second plus a burst of 5: most of 20 at once are refused, at least the first 5 are not.
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(refused.length).toBeLessThanOrEqual(15);
    expect(Number(refused[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((refused[0]?.body as Answer).errors?.[0]?.extensions.code).toBe('RATE_LIMITED');
    const other = await post(newClient(), '{ network { epoch } }');
    expect(other.status).toBe(200);
  });

  it('refuses a body over 100 KB with 413 and one that is not JSON with 400, each with a code, and serves on', async () => {
    const client = newClient();
    const padded = `{ network { epoch } }${' '.repeat(101 * 1024)}`;
    const large = await post(client, padded);
    expect(large.status).toBe(413);
    // Every answer, refused or served, says how long Tusk took over it.
    expect(large.headers['server-timing']).toMatch(/^tusk;dur=\d+\.\d{2}$/);
    expect((large.body as Answer).errors?.[0]?.extensions.code).toBe('REQUEST_TOO_LARGE');
    const malformed = await request(server)
      .post('/graphql')
      .set('X-Forwarded-For', client)
      .set('content-type', 'application/json')
      .send('{"query": "{ network { epoch } }"');
    expect(malformed.status).toBe(400);
    const error = (malformed.body as Answer).errors?.[0];
    expect(error?.extensions.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/not valid JSON/);
    const fine = await post(client, '{ network { epoch } }');
    expect(fine.status).toBe(200);
    expect(fine.headers['server-timing']).toMatch(/^tusk;dur=\d+\.\d{2}$/);
    expect((fine.body as Answer).data).toEqual({ network: { epoch: expect.any(Number) as number } });
  });

  it('refuses an answer larger than the response limit, saying how large it was', async () => {
    const response = await post(newClient(), '{ shardMap { shard nodeId } }');
    const error = (response.body as Answer).errors?.[0];
    expect(error?.extensions.code).toBe('RESPONSE_TOO_LARGE');
    expect(error?.extensions.limit).toBe(20000);
    expect(Number(error?.extensions.bytes)).toBeGreaterThan(20000);
    const small = await post(
      newClient(),
      '{ shardMap { shard } network { epoch } }'.replace('shardMap { shard } ', ''),
    );
    expect((small.body as Answer).errors).toBeUndefined();
  });

  it('serves a GET with an entity tag and answers 304 when nothing changed, also by persisted query hash', async () => {
    const client = newClient();
    const query = '{ committee { epoch members { nodeId shards } } }';
    const first = await request(server).get('/graphql').set('X-Forwarded-For', client).query({ query });
    expect(first.status).toBe(200);
    const tag = first.headers.etag;
    expect(tag).toMatch(/^W\/"\d+-[\w-]+"$/);
    expect(first.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    const again = await request(server)
      .get('/graphql')
      .set('X-Forwarded-For', client)
      .set('If-None-Match', tag ?? '')
      .query({ query });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');

    // Automatic persisted queries: registered once by hash and text, then asked by hash alone.
    const hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    const registered = await request(server)
      .get('/graphql')
      .set('X-Forwarded-For', client)
      .query({ query, extensions });
    expect(registered.status).toBe(200);
    const byHash = await request(server).get('/graphql').set('X-Forwarded-For', client).query({ extensions });
    expect(byHash.status).toBe(200);
    expect((byHash.body as Answer).data).toEqual((first.body as Answer).data);
    const notModified = await request(server)
      .get('/graphql')
      .set('X-Forwarded-For', client)
      .set('If-None-Match', byHash.headers.etag ?? '')
      .query({ extensions });
    expect(notModified.status).toBe(304);

    // What moves with the clock is never stored by a shared cache.
    const clock = await request(server)
      .get('/graphql')
      .set('X-Forwarded-For', client)
      .query({ query: '{ _meta { lagSeconds } }' });
    expect(clock.headers['cache-control']).toBe('no-store');
    expect(clock.headers.etag).toBeUndefined();
  });

  it('over WebSocket: refuses costly subscriptions and queries, bounds subscriptions and connections', async () => {
    const clients: Client[] = [];
    const connect = () => {
      let closedWith: (code: number) => void = () => undefined;
      let connectedNow: () => void = () => undefined;
      const closed = new Promise<number>((resolve) => {
        closedWith = resolve;
      });
      const connected = new Promise<void>((resolve) => {
        connectedNow = resolve;
      });
      const client = createClient({
        url: wsUrl,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        on: {
          connected: () => {
            connectedNow();
          },
          closed: (event) => {
            closedWith((event as { code: number }).code);
          },
        },
      });
      clients.push(client);
      return { client, closed, connected };
    };
    /** The first error or event of `query` on `client`. */
    const first = (client: Client, query: string) =>
      new Promise<{ error?: Answer['errors']; data?: unknown }>((resolve) => {
        client.subscribe(
          { query },
          {
            next: (result) => {
              resolve({ data: result.data });
            },
            error: (error: unknown) => {
              resolve({ error: error as Answer['errors'] });
            },
            complete: () => undefined,
          },
        );
      });
    try {
      const { client, connected } = connect();
      await connected;
      const aliases = Array.from(
        { length: 60 },
        (_, i) =>
          `a${i}: committeeSelected { change { moves { shard from to } nodes { nodeId gained lost } } }`,
      ).join(' ');
      const costly = await first(client, `subscription { ${aliases} }`);
      expect(costly.error?.[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
      expect(costly.error?.[0]?.message).toMatch(/costs at least \d+; the budget is \d+/);
      const query = await first(client, '{ network { epoch } }');
      expect(query.error?.[0]?.extensions.code).toBe('BAD_REQUEST');

      const open = (text: string) =>
        client.subscribe(
          { query: text },
          { next: () => undefined, error: () => undefined, complete: () => undefined },
        );
      open('subscription { epochStateChanged { epoch } }');
      open('subscription { committeeSelected { committee { epoch } } }');
      const third = await first(client, 'subscription { epochStateChanged { state } }');
      expect(third.error?.[0]?.extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');

      // A second connection from this address is let in; a third is closed with 4403.
      await connect().connected;
      expect(await connect().closed).toBe(4403);
    } finally {
      for (const client of clients) {
        void client.dispose();
      }
    }
  });
});
