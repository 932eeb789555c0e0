import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadAppConfig } from 'src/config/app-config';
import { createApp } from 'src/main';
import { testDatabaseUrl } from 'test/support/test-database';

describe('the Tusk service', () => {
  let app: INestApplication | undefined;

  afterAll(async () => {
    await app?.close();
  });

  it('connects to PostgreSQL and reports it healthy', async () => {
    app = await createApp(loadAppConfig({ DATABASE_URL: testDatabaseUrl() }), { quiet: true });
    await app.init();
    const response = await request(app.getHttpServer() as Server)
      .get('/health')
      .expect(200);
    expect(response.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('refuses an invalid configuration with every bad variable named', () => {
    expect(() =>
      loadAppConfig({ PORT: 'eighty', APP_ROLE: 'everything', DATABASE_URL: 'mysql://x' }),
    ).toThrow(/PORT: .*; APP_ROLE: .*; DATABASE_URL: must be a postgres/);
  });

  it('puts the embedded database under the data directory when no DATABASE_URL is given', () => {
    expect(loadAppConfig({ TUSK_DATA_DIR: 'state' }, '/srv/tusk').database).toEqual({
      kind: 'embedded',
      dataDir: '/srv/tusk/state/postgres',
      port: 0,
    });
  });
});
