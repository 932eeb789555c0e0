import type { INestApplication } from '@nestjs/common';
import type { Devnet } from 'src/devnet/devnet';
import { createApp } from 'src/main';
import { graphql } from 'test/support/graphql';
import {
  buildDevnet,
  createTestDatabase,
  indexerConfig,
  serveDevnet,
  waitForWatermarks,
  type ServedDevnet,
} from 'test/support/indexer-harness';

const EPOCH_DURATION_MS = 10_000;

describe('network and epoch queries', () => {
  let devnet: Devnet;
  let served: ServedDevnet;
  let databaseUrl: string;
  let app: INestApplication;

  beforeAll(async () => {
    devnet = buildDevnet('steady-state', 21, 3, EPOCH_DURATION_MS);
    served = await serveDevnet(devnet);
    databaseUrl = await createTestDatabase();
    app = await createApp(indexerConfig(databaseUrl, served, { APP_ROLE: 'all' }), { quiet: true });
    await app.init();
    await waitForWatermarks(databaseUrl, devnet.ledger.tip, 30_000);
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await served.server.close();
  });

  const NETWORK = `{ network { network epoch state nShards syncWeight syncQuorum epochDurationMs doneAt votingEndAt
    epochChangeAt secondsUntilEpochChange current { epoch startedAt doneAt storagePrice writePrice totalCapacity } } }`;

  it('reports the epoch state and forecasts voting_end at t_done + D/2 and the epoch change at t_done + D', async () => {
    const network = devnet.network;
    expect(network.epochState.kind).toBe('EpochChangeDone');
    const doneAtMs = network.epochState.kind === 'EpochChangeDone' ? network.epochState.doneAtMs : 0;
    const response = await graphql(app, NETWORK);
    expect(response.errors).toBeUndefined();
    expect(response.data?.network).toMatchObject({
      network: 'local',
      epoch: network.epoch,
      state: 'EpochChangeDone',
      nShards: network.nShards,
      syncWeight: null,
      syncQuorum: Math.floor((2 * network.nShards) / 3) + 1,
      epochDurationMs: String(EPOCH_DURATION_MS),
      doneAt: new Date(doneAtMs).toISOString(),
      votingEndAt: new Date(doneAtMs + EPOCH_DURATION_MS / 2).toISOString(),
      epochChangeAt: new Date(doneAtMs + EPOCH_DURATION_MS).toISOString(),
      current: {
        epoch: network.epoch,
        storagePrice: network.storagePrice.toString(),
        writePrice: network.writePrice.toString(),
        totalCapacity: network.totalCapacity.toString(),
      },
    });
  });

  it('shows the sync weight while shards move', async () => {
    const network = devnet.network;
    while (network.epochState.kind !== 'EpochChangeSync') {
      devnet.tick();
    }
    await waitForWatermarks(databaseUrl, devnet.ledger.tip, 30_000);
    const response = await graphql(app, NETWORK);
    expect(response.data?.network).toMatchObject({
      epoch: network.epoch,
      state: 'EpochChangeSync',
      syncWeight: network.epochState.weight,
      votingEndAt: null,
      epochChangeAt: null,
    });
  });

  it('lists epochs newest first with their moments, and pages back', async () => {
    const response = await graphql(
      app,
      '{ epochs(first: 2) { epoch startedAt committeeSelectedAt doneAt } }',
    );
    const epochs = response.data?.epochs as {
      epoch: number;
      startedAt: string | null;
      doneAt: string | null;
    }[];
    expect(epochs.map((epoch) => epoch.epoch)).toEqual([devnet.network.epoch, devnet.network.epoch - 1]);
    const older = await graphql(app, `{ epochs(first: 50, before: ${devnet.network.epoch - 1}) { epoch } }`);
    expect((older.data?.epochs as { epoch: number }[]).map((epoch) => epoch.epoch)).toEqual(
      Array.from({ length: devnet.network.epoch - 1 }, (_, i) => devnet.network.epoch - 2 - i),
    );
    const one = await graphql(app, '{ epoch(number: 1) { epoch startedAt doneAt committeeSelectedAt } }');
    expect(one.data?.epoch).toMatchObject({ epoch: 1 });
    const epochOne = one.data?.epoch as { startedAt: string | null; doneAt: string | null };
    expect(epochOne.startedAt).not.toBeNull();
    expect(epochOne.doneAt).not.toBeNull();
  });

  it('answers bad arguments with coded errors and no stack trace', async () => {
    const unknown = await graphql(app, '{ epoch(number: 999) { epoch } }');
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const tooMany = await graphql(app, '{ epochs(first: 10000) { epoch } }');
    expect(tooMany.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(tooMany)).not.toMatch(/stacktrace|at .*\.ts:/);
    const negative = await graphql(app, '{ epoch(number: -3) { epoch } }');
    expect(negative.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
