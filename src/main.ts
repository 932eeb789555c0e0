import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { Server } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { AppModule } from 'src/app.module';
import { limitHeapGrowth } from 'src/boot/heap-growth';
import { ApiProcessSupervisor, claimPort } from 'src/boot/api-process.supervisor';
import { CostlyQueryProcessSupervisor, METRICS_REQUEST } from 'src/boot/costly-query-process.supervisor';
import {
  CHILD_LISTENING_MESSAGE,
  CHILD_READY_MESSAGE,
  CHILD_SOCKET_MESSAGE,
} from 'src/boot/tusk-child-process';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { DatabaseServerService } from 'src/database/database-server.service';
import { ChainEndpointService } from 'src/chain/chain-endpoint.service';
import { IndexerService } from 'src/indexer/indexer.service';
import { ReportPublisher } from 'src/reports/report-publisher';
import { ConfigError, loadProcessConfig, type AppConfig } from 'src/config/app-config';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';

export interface StartOptions {
  readonly port?: string;
  readonly network?: string;
  readonly role?: string;
}

export async function createApp(
  config: AppConfig,
  { quiet = false, superviseApi = false, superviseCostlyQueries = false } = {},
): Promise<INestApplication> {
  let app: INestApplication;
  try {
    app = await NestFactory.create(
      AppModule.forRoot(config, { quiet, superviseApi, superviseCostlyQueries }),
      {
        // Held until the structured logger is in place, so that every line is in its format.
        bufferLogs: true,
        // Fail with an error the caller can report rather than exiting the process.
        abortOnError: false,
      },
    );
  } catch (error) {
    Logger.flush();
    throw error;
  }
  app.useLogger(app.get(PinoLogger));
  // The signals that mean "stop": Nest's default list also takes SIGUSR2, which Node's
  // --heapsnapshot-signal (heap snapshots of a running Tusk) uses.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT', 'SIGHUP']);
  // Entity tags are Tusk's own (tied to the indexed checkpoint, see src/api/http-caching.ts); one
  // Express would compute over a body whose `_meta` moves with the clock would never match.
  (app as NestExpressApplication).set('etag', false);
  return app;
}

/**
 * Boots the service and resolves once it listens; SIGINT/SIGTERM stop it cleanly. Throws
 * `ConfigError` for invalid settings; if it cannot listen, it stops what it started first.
 */
export async function startService(options: StartOptions = {}): Promise<INestApplication> {
  const config = loadProcessConfig({
    PORT: options.port,
    TUSK_NETWORK: options.network,
    APP_ROLE: options.role,
  });
  if (config.role !== 'api') {
    limitHeapGrowth(config.indexer.heapGrowthPercent);
  }
  const app =
    config.role === 'all' && config.apiProcess === 'separate'
      ? await startWithApiProcess(config)
      : await startInOneProcess(config);
  const devnet = config.role === 'api' ? undefined : app.get(ChainEndpointService, { strict: false }).local;
  if (devnet !== undefined) {
    // The same line `tusk devnet` prints: what a client needs to reach the local network.
    new Logger('Tusk').log(`local network: ${JSON.stringify(devnet)}`);
  }
  if (config.indexerStatusUrl === undefined && config.listenOn.kind === 'port') {
    const separate = config.role === 'all' && config.apiProcess === 'separate';
    new Logger('Tusk').log(
      `listening on http://${config.host}:${config.port} (role ${config.role}${
        separate ? ', the API in a process of its own' : ''
      }, network ${
        config.chain.kind === 'devnet' ? 'local: the built-in simulated network' : config.chain.network
      })${config.role === 'indexer' ? '' : '; GraphQL at /graphql'}, /health, /metrics`,
    );
  }
  return app;
}

async function startInOneProcess(config: AppConfig): Promise<INestApplication> {
  const { listenOn } = config;
  if (listenOn.kind !== 'port' && process.send === undefined) {
    throw new ConfigError(
      'TUSK_LISTEN_ON is for the processes `tusk start` runs itself, over an IPC channel to them; use PORT and HOST',
    );
  }
  // An API served here, unless it is itself the costly-query process, forwards its costly queries.
  const superviseCostlyQueries =
    config.role !== 'indexer' && config.api.costlyQueries.process === 'separate' && listenOn.kind !== 'unix';
  const app = await createApp(config, { superviseCostlyQueries });
  try {
    const server = app.getHttpServer() as Server;
    if (listenOn.kind !== 'port') {
      // Started by a supervising Tusk: serve where it says, and stop with it.
      await app.init();
      await serveOn(server, listenOn.kind === 'unix' ? listenOn.path : await socketFromSupervisor());
      answerMetricsRequests(app);
      process.send?.(CHILD_LISTENING_MESSAGE);
      process.once('disconnect', () => {
        process.kill(process.pid, 'SIGTERM');
      });
    } else {
      await app.listen(config.port, config.host);
    }
    if (superviseCostlyQueries) {
      app
        .get(CostlyQueryProcessSupervisor)
        .start(await app.get(DatabaseServerService, { strict: false }).connectionUrl());
    }
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/** Answers the supervisor's requests for this process's metrics (see `CostlyQueryProcessSupervisor`). */
function answerMetricsRequests(app: INestApplication): void {
  const registry = app.get(MetricsRegistry).registry;
  process.on('message', (message: unknown) => {
    const request = message as { type?: unknown; id?: unknown } | null;
    if (request?.type !== METRICS_REQUEST) {
      return;
    }
    // A collection that fails answers with no metrics: the supervisor's scrape goes on without ours at once.
    registry.getMetricsAsJSON().then(
      (metrics) => process.send?.({ type: METRICS_REQUEST, id: request.id, metrics }),
      () => process.send?.({ type: METRICS_REQUEST, id: request.id, metrics: undefined }),
    );
  });
}

/** Asks the supervisor for the listening socket and waits for it. */
function socketFromSupervisor(): Promise<NetServer> {
  return new Promise((resolve) => {
    const receive = (message: unknown, handle: unknown) => {
      if (message === CHILD_SOCKET_MESSAGE && handle !== undefined) {
        process.off('message', receive);
        resolve(handle as NetServer);
      }
    };
    process.on('message', receive);
    process.send?.(CHILD_READY_MESSAGE);
  });
}

function serveOn(server: Server, socket: NetServer | string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The `all` role as two processes: this one indexes and orchestrates (its health and metrics on a
 * loopback port of its own), and serves the API through `tusk start --role api` on the configured
 * port, which answers for both.
 */
async function startWithApiProcess(config: AppConfig): Promise<INestApplication> {
  // The public port first: a port in use is reported before anything else starts.
  const socket = await claimPort(config.port, config.host);
  let app: INestApplication;
  try {
    app = await createApp({ ...config, role: 'indexer' }, { superviseApi: true });
  } catch (error) {
    socket.close();
    throw error;
  }
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
    await app.get(ApiProcessSupervisor).start(
      {
        databaseUrl: await app.get(DatabaseServerService, { strict: false }).connectionUrl(),
        statusUrl: `http://127.0.0.1:${port}`,
      },
      socket,
    );
  } catch (error) {
    socket.close();
    await app.close();
    throw error;
  }
  return app;
}

/**
 * Runs a bounded backfill of `from`..`to` against the configured chain and database, then stops:
 * the indexer does not follow the chain and no HTTP port is opened.
 */
export async function runBackfill(
  from: bigint,
  to: bigint,
  config: AppConfig = loadProcessConfig({ APP_ROLE: 'indexer' }),
): Promise<{ checkpoints: bigint; changes: number }> {
  limitHeapGrowth(config.indexer.heapGrowthPercent);
  const app = await createApp(
    { ...config, role: 'indexer', indexer: { ...config.indexer, follow: false } },
    { quiet: true },
  );
  try {
    await app.init();
    return await app.get(IndexerService).backfill(from, to);
  } finally {
    await app.close();
  }
}

/**
 * Runs one reporting task (`tusk report …`) against the configured chain and the database of the
 * Tusk instance whose verdict it publishes: no indexing, no HTTP port.
 */
export async function runReportCommand<T>(
  task: (publisher: ReportPublisher) => Promise<T>,
  config: AppConfig = loadProcessConfig({ APP_ROLE: 'indexer' }),
): Promise<T> {
  if (config.chain.kind === 'devnet') {
    throw new ConfigError(
      'tusk report publishes to a network that runs apart: start `tusk devnet` and set SUI_GRPC_URL and the IDs ' +
        'it prints, or let `tusk start` publish with TUSK_REPORTS_PUBLISH=after-handoff',
    );
  }
  if (config.database.kind !== 'external') {
    throw new ConfigError(
      'tusk report reads the verdict from an instance’s database: set DATABASE_URL to it',
    );
  }
  const app = await createApp(
    { ...config, role: 'indexer', indexer: { ...config.indexer, follow: false } },
    { quiet: true },
  );
  try {
    await app.init();
    return await task(app.get(ReportPublisher, { strict: false }));
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  startService().catch((error: unknown) => {
    process.stderr.write(`tusk: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
