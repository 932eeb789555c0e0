import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { loadAppConfig, type AppConfig } from 'src/config/app-config';
import { Devnet } from 'src/devnet/devnet';
import { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import { registerDevnetRpc } from 'src/devnet/reports/transaction-execution.handlers';
import { loadScenario } from 'src/devnet/scenario';
import { createApp } from 'src/main';
import { testDatabaseUrl } from 'test/support/test-database';

/** A fresh, empty database on the test server; each test builds its own data. */
export async function createTestDatabase(): Promise<string> {
  const name = `tusk_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A devnet history in virtual time: `epochs` complete epoch changes of a scenario. */
export function buildDevnet(
  scenario: string,
  seed: number,
  epochs: number,
  epochDurationMs = 10_000,
  checkpointIntervalMs?: number,
): Devnet {
  const devnet = new Devnet({
    scenario: loadScenario(scenario),
    seed,
    epochDurationMs,
    checkpointIntervalMs,
    genesisTimeMs: Date.UTC(2026, 0, 1),
  });
  devnet.runUntilEpochDone(epochs);
  return devnet;
}

export interface ServedDevnet {
  readonly server: GrpcWebServer;
  readonly url: string;
  /** The environment that points Tusk at this devnet. */
  readonly env: Record<string, string>;
}

/** Serves a devnet's ledger over grpc-web as it stands (the test ticks it, if at all). */
export async function serveDevnet(devnet: Devnet): Promise<ServedDevnet> {
  const server = new GrpcWebServer();
  registerDevnetRpc(server, devnet);
  const url = await server.listen(0, '127.0.0.1');
  const { deployment } = devnet.network;
  return {
    server,
    url,
    env: {
      TUSK_NETWORK: 'local',
      SUI_GRPC_URL: url,
      WALRUS_STAKING_OBJECT_ID: deployment.stakingObjectId,
      WALRUS_SYSTEM_OBJECT_ID: deployment.systemObjectId,
      WALRUS_SLASHING_MANAGER_ID: deployment.slashingManagerId,
      WALRUS_UPGRADE_MANAGER_ID: devnet.network.upgrades.objectId,
      TUSK_REPORTS_PACKAGE_ID: devnet.reports.packageId,
      TUSK_REPORTS_REGISTRY_ID: devnet.reports.registryId,
      ...(devnet.network.subsidies === undefined
        ? {}
        : { WALRUS_SUBSIDIES_OBJECT_ID: devnet.network.subsidies.objectId }),
    },
  };
}

export function indexerConfig(
  databaseUrl: string,
  served: ServedDevnet,
  env: Record<string, string> = {},
): AppConfig {
  return loadAppConfig({ DATABASE_URL: databaseUrl, APP_ROLE: 'indexer', ...served.env, ...env });
}

/** Boots an indexing Tusk (no HTTP listener) and waits until every pipeline reached `tip`. */
export async function indexUntil(
  config: AppConfig,
  tip: bigint,
  timeoutMs = 45_000,
): Promise<INestApplication> {
  const app = await createApp(config, { quiet: true });
  await app.init();
  try {
    await waitForWatermarks(config.database.kind === 'external' ? config.database.url : '', tip, timeoutMs);
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}

/**
 * Polls the watermarks until the four pipelines have all reached `tip`. It gives up only after
 * `stallMs` without any progress, not after a fixed time: a loaded machine replays slower, and a
 * stuck indexer still fails the wait.
 */
export async function waitForWatermarks(databaseUrl: string, tip: bigint, stallMs: number): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let lowest: bigint | undefined;
  let stalledSince = Date.now();
  try {
    for (;;) {
      const { rows } = await client
        .query<{ pipeline: string; checkpoint: string; error: string | null }>(
          'SELECT pipeline, checkpoint_hi_inclusive AS checkpoint, error FROM pipeline_watermark',
        )
        .catch(() => ({ rows: [] }));
      const failed = rows.find((row) => row.error !== null);
      if (failed !== undefined) {
        throw new Error(`pipeline ${failed.pipeline} stopped: ${failed.error ?? ''}`);
      }
      if (rows.length === 4 && rows.every((row) => BigInt(row.checkpoint) >= tip)) {
        return;
      }
      const reached =
        rows.length === 4
          ? rows.reduce((low, row) => (BigInt(row.checkpoint) < low ? BigInt(row.checkpoint) : low), tip)
          : -1n;
      if (lowest === undefined || reached > lowest) {
        lowest = reached;
        stalledSince = Date.now();
      } else if (Date.now() - stalledSince > stallMs) {
        throw new Error(
          `the indexer did not reach checkpoint ${tip}, without progress for ${stallMs} ms: ${JSON.stringify(rows)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

/** Tables the handoff orchestrator writes from health polls and the clock, not from the chain. */
const ORCHESTRATOR_TABLES = [
  'shard_migration',
  'shard_move',
  'shard_move_transition',
  'migration_node',
  'node_health',
  'node_availability',
  'alert',
  'alert_delivery',
];

/** Columns that record when a row was written rather than what the chain says. */
const VOLATILE: Record<string, string[]> = {
  pipeline_watermark: ['updated_at'],
  indexed_network: ['created_at'],
};

/** Every table the indexer writes, row for row, in key order: two databases indexed alike dump alike. */
export async function dumpTables(databaseUrl: string): Promise<Record<string, unknown[]>> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('migrations', 'indexer_lease')
       ORDER BY table_name`,
    );
    const indexed = tables.filter(({ table_name: table }) => !ORCHESTRATOR_TABLES.includes(table));
    const dump: Record<string, unknown[]> = {};
    for (const { table_name: table } of indexed) {
      const { rows } = await client.query<Record<string, unknown>>(`SELECT * FROM "${table}" ORDER BY 1, 2`);
      const volatile = VOLATILE[table] ?? [];
      dump[table] = rows.map((row) =>
        Object.fromEntries(Object.entries(row).filter(([column]) => !volatile.includes(column))),
      );
    }
    return dump;
  } finally {
    await client.end();
  }
}

/**
 * Waits until the orchestrator, which follows the index on its own tick, has planned every indexed
 * epoch change and copied in every attestation: the handoff rows the scores are computed from.
 */
export async function waitForHandoffPlans(databaseUrl: string, timeoutMs: number): Promise<void> {
  await waitForRows<{ unplanned: string; uncopied: string }>(
    databaseUrl,
    `SELECT (SELECT count(*) FROM epoch e WHERE e.epoch > 0 AND e.started_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM shard_migration s WHERE s.epoch = e.epoch)) AS unplanned,
            (SELECT count(*) FROM node_attestation a JOIN migration_node m USING (epoch, node_id)
               WHERE m.attested_at IS NULL) AS uncopied`,
    ([row]) => row?.unplanned === '0' && row.uncopied === '0',
    timeoutMs,
  );
}

/** Polls `sql` until `accept` holds for its rows; fails with the last rows after `timeoutMs`. */
export async function waitForRows<T extends Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
  accept: (rows: T[]) => boolean,
  timeoutMs: number,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  let rows: T[] = [];
  for (;;) {
    rows = await query<T>(databaseUrl, sql).catch(() => []);
    if (accept(rows)) {
      return rows;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting on ${sql}: ${JSON.stringify(rows).slice(0, 2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function query<T extends Record<string, unknown>>(
  databaseUrl: string,
  sql: string,
): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

export interface IndexedApi {
  readonly devnet: Devnet;
  readonly served: ServedDevnet;
  readonly databaseUrl: string;
  readonly app: INestApplication;
  close(): Promise<void>;
}

/**
 * A Tusk serving the API (and indexing) over a devnet history of `epochs` epoch changes, caught up
 * with its tip, on a database of its own.
 */
export async function startIndexedApi(
  scenario: string,
  seed: number,
  epochs: number,
  timing: { epochDurationMs?: number; checkpointIntervalMs?: number } = {},
  env: Record<string, string> = {},
): Promise<IndexedApi> {
  const devnet = buildDevnet(scenario, seed, epochs, timing.epochDurationMs, timing.checkpointIntervalMs);
  const served = await serveDevnet(devnet);
  const databaseUrl = await createTestDatabase();
  const app = await createApp(indexerConfig(databaseUrl, served, { APP_ROLE: 'all', ...env }), {
    quiet: true,
  });
  await app.init();
  await waitForWatermarks(databaseUrl, devnet.ledger.tip, 30_000);
  await waitForHandoffPlans(databaseUrl, 30_000);
  return {
    devnet,
    served,
    databaseUrl,
    app,
    close: async () => {
      await app.close();
      await served.server.close();
    },
  };
}
