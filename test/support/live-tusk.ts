import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { loadAppConfig } from 'src/config/app-config';
import { DevnetServer } from 'src/devnet/devnet.server';
import { loadScenario } from 'src/devnet/scenario';
import { createApp } from 'src/main';
import { createTestDatabase } from 'test/support/indexer-harness';

export interface LiveTusk {
  readonly app: INestApplication;
  readonly databaseUrl: string;
  readonly graphqlUrl: string;
  close(): Promise<void>;
}

/**
 * Tusk as `npm start` runs it: the local network in real time in this process (its storage nodes
 * behind their gateway), the indexer, the handoff orchestrator and the API, on a database of its own.
 */
export async function startLiveTusk(
  scenario: string,
  env: Record<string, string> = {},
  database?: string,
): Promise<LiveTusk> {
  const databaseUrl = database ?? (await createTestDatabase());
  const config = loadAppConfig({
    DATABASE_URL: databaseUrl,
    TUSK_NETWORK: 'local',
    DEVNET_SCENARIO: scenario,
    DEVNET_EPOCH_DURATION_MS: '8000',
    PORT: '0',
    ...env,
  });
  const app = await createApp(config, { quiet: true });
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as Server).address() as AddressInfo;
  return {
    app,
    databaseUrl,
    graphqlUrl: `http://127.0.0.1:${address.port}/graphql`,
    close: () => app.close(),
  };
}

/** The local network run apart from Tusk, in real time, and the environment that points Tusk at it. */
export async function startLocalNetwork(
  scenario: string,
  epochDurationMs = 8000,
): Promise<{ server: DevnetServer; env: Record<string, string> }> {
  const server = new DevnetServer({
    scenario: loadScenario(scenario),
    seed: 1,
    epochDurationMs,
    genesisTimeMs: Math.floor(Date.now() / 1000) * 1000,
    port: 0,
  });
  const ready = await server.start();
  return {
    server,
    env: {
      TUSK_NETWORK: 'local',
      SUI_GRPC_URL: ready.grpcUrl,
      WALRUS_STAKING_OBJECT_ID: ready.stakingObjectId,
      WALRUS_SYSTEM_OBJECT_ID: ready.systemObjectId,
      WALRUS_SLASHING_MANAGER_ID: ready.slashingManagerId,
      WALRUS_UPGRADE_MANAGER_ID: ready.upgradeManagerId,
      TUSK_REPORTS_PACKAGE_ID: ready.reportsPackageId,
      TUSK_REPORTS_REGISTRY_ID: ready.reportsRegistryId,
      ...(ready.subsidiesObjectId === undefined
        ? {}
        : { WALRUS_SUBSIDIES_OBJECT_ID: ready.subsidiesObjectId }),
      TUSK_STORAGE_NODE_GATEWAY: ready.storageNodeGateway,
      DEVNET_EPOCH_DURATION_MS: String(epochDurationMs),
    },
  };
}

export interface ReceivedWebhook {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A webhook receiver that fails its first `failFirst` requests with HTTP 500, then accepts. */
export async function startWebhookReceiver(
  failFirst = 0,
): Promise<{ url: string; received: ReceivedWebhook[]; refused: number; close(): Promise<void> }> {
  const received: ReceivedWebhook[] = [];
  const state = { refused: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (state.refused < failFirst) {
        state.refused++;
        response.writeHead(500).end();
        return;
      }
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/tusk`,
    received,
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
