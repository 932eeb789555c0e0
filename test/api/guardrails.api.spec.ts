import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import request from 'supertest';
import { buildSchemaText, printSortedSchema } from 'src/api/graphql-schema';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

describe('API guardrails', () => {
  let api: IndexedApi;
  let app: INestApplication;

  beforeAll(async () => {
    api = await startIndexedApi('steady-state', 31, 1);
    app = api.app;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('serves exactly the committed schema.gql (run npm run schema:write after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8');
    expect(printSortedSchema(app.get(GraphQLSchemaHost).schema)).toBe(committed);
    expect(await buildSchemaText()).toBe(committed);
  });

  it('refuses a query nested 30 levels deep (31 with its leaf) before running it', async () => {
    const deep = `{ ${'network { '.repeat(30)}epoch${' }'.repeat(30)} }`;
    const response = await request(app.getHttpServer() as Server)
      .post('/graphql')
      .send({ query: deep });
    const body = response.body as { errors: { message: string; extensions: { code: string } }[] };
    const limit = body.errors.find((error) => error.message.includes('nests 31 levels'));
    expect(limit?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toContain('stacktrace');
  });

  it('never serves a clock-dependent answer from the cache: the lag grows while nothing is indexed', async () => {
    const lag = async () => {
      const response = await request(app.getHttpServer() as Server)
        .post('/graphql')
        .send({ query: '{ _meta { lagSeconds } }' });
      return (response.body as { data: { _meta: { lagSeconds: number } } }).data._meta.lagSeconds;
    };
    const first = await lag();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await lag()).toBeGreaterThan(first);
  });

  it('answers a repeated query from the cache, identical, with fresh _meta; no-cache runs it again', async () => {
    const ask = (headers: Record<string, string> = {}) =>
      request(app.getHttpServer() as Server)
        .post('/graphql')
        .set(headers)
        .send({
          query:
            'query Members($epoch: Int) { committee(epoch: $epoch) { epoch members { nodeId shards } } }',
          variables: { epoch: 1 },
        });
    const first = await ask();
    const second = await ask();
    expect(second.headers['x-tusk-cache']).toBe('hit');
    const body = (response: { body: unknown }) =>
      response.body as { data: unknown; extensions: { _meta: { checkpoint: string; lagSeconds: number } } };
    expect(body(second).data).toEqual(body(first).data);
    expect(body(second).extensions._meta.checkpoint).toBe(body(first).extensions._meta.checkpoint);
    expect(body(second).extensions._meta.lagSeconds).toBeGreaterThanOrEqual(
      body(first).extensions._meta.lagSeconds,
    );
    const fresh = await ask({ 'cache-control': 'no-cache' });
    expect(fresh.headers['x-tusk-cache']).toBeUndefined();
    expect(body(fresh).data).toEqual(body(first).data);
    // Another variable is another answer.
    const other = await request(app.getHttpServer() as Server)
      .post('/graphql')
      .send({
        query: 'query Members($epoch: Int) { committee(epoch: $epoch) { epoch members { nodeId shards } } }',
        variables: { epoch: 0 },
      });
    expect(other.headers['x-tusk-cache']).toBeUndefined();
  });

  it('tells how fresh the data is in every response', async () => {
    const response = await request(app.getHttpServer() as Server)
      .post('/graphql')
      .send({ query: '{ network { epoch } }' });
    const body = response.body as {
      extensions: { _meta: { checkpoint: string | null; epoch: number | null } };
    };
    expect(body.extensions._meta.checkpoint).toMatch(/^\d+$/);
    expect(body.extensions._meta.epoch).toBe(1);
  });
});
