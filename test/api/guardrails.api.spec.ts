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
