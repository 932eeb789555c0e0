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

  it('runs the local network by default and reports the database and the chain healthy', async () => {
    app = await createApp(
      loadAppConfig({ DATABASE_URL: testDatabaseUrl(), DEVNET_EPOCH_DURATION_MS: '5000' }),
      {
        quiet: true,
      },
    );
    await app.init();
    const response = await request(app.getHttpServer() as Server)
      .get('/health')
      .expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      info: {
        database: { status: 'up' },
        chain: { status: 'up', chainId: expect.stringMatching(/^[0-9a-f]{8}$/) as string },
      },
    });
  });

  it('reports the chain down, with the reason, when its full node cannot be reached', async () => {
    const unreachable = await createApp(
      loadAppConfig({
        DATABASE_URL: testDatabaseUrl(),
        TUSK_NETWORK: 'testnet',
        SUI_GRPC_URL: 'http://127.0.0.1:9',
      }),
      { quiet: true },
    );
    try {
      await unreachable.init();
      const response = await request(unreachable.getHttpServer() as Server)
        .get('/health')
        .expect(503);
      expect(response.body).toMatchObject({
        status: 'error',
        info: { database: { status: 'up' } },
        error: { chain: { status: 'down', message: expect.any(String) as string } },
      });
    } finally {
      await unreachable.close();
    }
  });

  it('chooses the chain from TUSK_NETWORK and SUI_GRPC_URL', () => {
    expect(loadAppConfig({}).chain).toMatchObject({ kind: 'devnet', scenario: 'steady-state', seed: 1 });
    expect(loadAppConfig({ TUSK_NETWORK: 'mainnet' }).chain).toMatchObject({
      kind: 'fullnode',
      network: 'mainnet',
      grpcUrl: 'https://fullnode.mainnet.sui.io:443',
      stakingObjectId: '0x10b9d30c28448939ce6c4d6c6e0ffce4a7f8a4ada8248bdad09ef8b70e4a3904',
    });
    // Preset IDs can be overridden, e.g. for a fork of the contracts.
    expect(
      loadAppConfig({
        TUSK_NETWORK: 'testnet',
        WALRUS_STAKING_OBJECT_ID: '0xabc',
        SUI_GRPC_URL: 'http://node:9000',
      }).chain,
    ).toMatchObject({ network: 'testnet', grpcUrl: 'http://node:9000', stakingObjectId: '0xabc' });
    expect(() => loadAppConfig({ TUSK_NETWORK: 'moon' })).toThrow(/TUSK_NETWORK/);
    expect(() => loadAppConfig({ TUSK_NETWORK: 'local', SUI_GRPC_URL: 'http://127.0.0.1:9000' })).toThrow(
      /WALRUS_STAKING_OBJECT_ID and WALRUS_SYSTEM_OBJECT_ID are required/,
    );
    expect(() => loadAppConfig({ TUSK_INDEXER_BATCH_SIZE: '0' })).toThrow(/TUSK_INDEXER_BATCH_SIZE/);
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
