import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';
import { percentile, spread } from 'bench/statistics';
import { DataSource } from 'typeorm';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { dataSourceOptions } from 'src/database/data-source';
import { STORE_ENTITIES } from 'src/store/store.entities';
import { EmbeddedPostgresServer } from 'src/database/embedded-postgres.server';
import { findFreePort } from 'src/database/free-port';
import { Devnet } from 'src/devnet/devnet';
import { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import { registerSuiRpc } from 'src/devnet/ledger/sui-rpc.handlers';
import { loadScenario } from 'src/devnet/scenario';
import type { NodeId } from 'src/domain/shared/node-id';
import { OperatorRepository } from 'src/store/queries/operator.repository';
import { PoolRepository } from 'src/store/pools/pool.repository';
import { StakedWalRepository } from 'src/store/positions/staked-wal.repository';

/**
 * GraphQL latency at 50 concurrent clients against a `tusk start` child, for the operator list
 * (150 operators) and `delegator(address)`, next to the same SQL run directly through the same
 * driver and repositories at the same concurrency, and next to a bare `node:http` server that
 * answers the cached response's exact bytes to the same client: the machine's own limit for the
 * cached path.
 */

const FROST_PER_WAL = 1_000_000_000n;
const OPERATORS = 150;
const CLIENTS = 50;
const REQUESTS = 4000;

const OPERATOR_QUERY = `{ operators(first: 150) { totalCount edges { node { nodeId name stake shards inCommittee
  commissionRate pendingCommissionRates { effectiveEpoch rate } activeSetRank delegatorCount } } } }`;

function network(): { devnet: Devnet; delegator: string } {
  const devnet = new Devnet({
    scenario: loadScenario('steady-state'),
    seed: 9,
    epochDurationMs: 10_000,
    genesisTimeMs: Date.UTC(2026, 0, 1),
  });
  devnet.runUntilEpochDone(3);
  const delegator = devnet.delegatorAddress('bench-delegator');
  let now = devnet.now;
  for (let i = devnet.network.nodes.size; i < OPERATORS; i++) {
    const nodeId = devnet.network.registerCandidate({
      name: `operator-${i}`,
      operator: devnet.delegatorAddress(`operator-${i}`),
      commissionRate: (i * 37) % 2000,
      storagePrice: 10_000n,
      writePrice: 20_000n,
      nodeCapacity: 20_000_000_000_000n,
    });
    for (let d = 0; d < 3; d++) {
      devnet.network.stakeWithPool(
        devnet.delegatorAddress(`holder-${d}`),
        nodeId,
        BigInt(1000 + i * 10 + d) * FROST_PER_WAL,
      );
    }
    now += 100;
    devnet.ledger.sealCheckpoint(now);
  }
  const nodes = [...devnet.network.nodes.keys()] as NodeId[];
  for (let i = 0; i < 40; i++) {
    devnet.network.stakeWithPool(
      delegator,
      nodes[i % nodes.length] as NodeId,
      BigInt(10 + i) * FROST_PER_WAL,
    );
  }
  devnet.ledger.sealCheckpoint(now + 100);
  return { devnet, delegator };
}

async function post(port: number, query: string, fresh = false): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(fresh ? { 'cache-control': 'no-cache' } : {}) },
    body: JSON.stringify({ query }),
  });
  // The body is read whole but not parsed: the client shares the cores with the server, and
  // parsing 40 KB of JSON per response here would be counted as the server's latency.
  const text = await response.text();
  if (response.status !== 200 || !text.startsWith('{"data":{') || text.includes('"errors":[')) {
    throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
  }
  return text;
}

/** The bare server: node:http answering every request with the bytes of the file it is given. */
const BARE_SERVER = `
const { readFileSync } = require('node:fs');
const { createServer } = require('node:http');
const bytes = readFileSync(process.argv[1]);
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
    response.end(bytes);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/**
 * A bare node:http server in a process of its own, as Tusk is, answering every POST with `body`:
 * the exact bytes Tusk's cache answers.
 */
async function bareServer(body: string): Promise<{ port: number; close: () => void }> {
  const file = join(mkdtempSync(join(tmpdir(), 'tusk-bench-bare-')), 'body.json');
  writeFileSync(file, body);
  const child = spawn(process.execPath, ['-e', BARE_SERVER, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => {
      resolve(Number(chunk.toString().trim()));
    });
    child.once('exit', (code) => {
      reject(new Error(`the bare server exited with ${String(code)}`));
    });
  });
  return {
    port,
    close: () => {
      child.kill('SIGTERM');
      rmSync(dirname(file), { recursive: true, force: true });
    },
  };
}

/** Rounds of the cached path against the bare server's, alternating which goes first. */
const CACHED_ROUNDS = 5;

/** One round of the cached path and the bare server's, each REQUESTS / CACHED_ROUNDS requests. */
interface CachedRound {
  readonly cached: number[];
  readonly bare: number[];
}

/**
 * The cached path against the bare server's, from the same client at the same concurrency, in
 * alternating rounds: whatever else the shared machine does at one moment falls on both alike.
 */
async function cachedAgainstBare(port: number, query: string): Promise<CachedRound[]> {
  const bare = await bareServer(await post(port, query));
  try {
    const rounds: CachedRound[] = [];
    const requests = Math.ceil(REQUESTS / CACHED_ROUNDS);
    for (let round = 0; round < CACHED_ROUNDS; round++) {
      if (round % 2 === 0) {
        const cached = await load(() => post(port, query), requests);
        rounds.push({ cached, bare: await load(() => post(bare.port, query), requests) });
      } else {
        const limit = await load(() => post(bare.port, query), requests);
        rounds.push({ cached: await load(() => post(port, query), requests), bare: limit });
      }
    }
    return rounds;
  } finally {
    bare.close();
  }
}

/** Runs `task` `requests` times from CLIENTS concurrent loops; sorted latencies in ms. */
async function load(task: () => Promise<unknown>, requests = REQUESTS): Promise<number[]> {
  for (let i = 0; i < 200; i++) {
    await task();
  }
  const latencies: number[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (issued < requests) {
        issued++;
        const started = performance.now();
        await task();
        latencies.push(performance.now() - started);
      }
    }),
  );
  return latencies.sort((a, b) => a - b);
}

function report(name: string, rounds: CachedRound[], executed: number[], sql: number[]): void {
  const figures = (latencies: number[]) =>
    `p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`;
  const pooled = (pick: (round: CachedRound) => number[]) => rounds.flatMap(pick).sort((a, b) => a - b);
  const ratios = (at: number) =>
    rounds.map((round) => percentile(round.cached, at) / percentile(round.bare, at));
  console.log(`${name} (${CLIENTS} clients, ${REQUESTS} requests each):`);
  console.log(
    `  GraphQL, repeated query (answered from the per-checkpoint cache): ${figures(pooled((round) => round.cached))}`,
  );
  console.log(
    `  bare node:http serving the same bytes to the same client: ${figures(pooled((round) => round.bare))}`,
  );
  console.log(
    `  cached / bare, median (min–max) of ${rounds.length} alternating rounds: ` +
      `p50 ${spread(ratios(50))}, p99 ${spread(ratios(99))} (target p99 <= 1.3×)`,
  );
  console.log(
    `  GraphQL, executed (Cache-Control: no-cache): ${figures(executed)}; ` +
      `p99 ${(percentile(executed, 99) / percentile(sql, 99)).toFixed(2)}× its SQL (target <= 2×)`,
  );
  console.log(`  its SQL alone, same driver and concurrency: ${figures(sql)}`);
}

async function waitForIndex(port: number, tip: bigint, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`tusk exited with ${child.exitCode}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _meta { checkpoint } }' }),
      });
      const body = (await response.json()) as { data?: { _meta: { checkpoint: string | null } } };
      const checkpoint = body.data?._meta.checkpoint;
      if (checkpoint !== undefined && checkpoint !== null && BigInt(checkpoint) >= tip) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'tusk-bench-api-'));
  const postgres = new EmbeddedPostgresServer({ dataDir: join(scratch, 'data'), port: 0, ephemeral: true });
  const adminUrl = await postgres.start();
  const grpc = new GrpcWebServer();
  let child: ChildProcess | undefined;
  try {
    const { devnet, delegator } = network();
    registerSuiRpc(grpc, devnet.ledger);
    const grpcUrl = await grpc.listen(0);
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query('CREATE DATABASE bench_api');
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = '/bench_api';
    const port = await findFreePort();
    child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'tusk.js'), 'start'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: url.toString(),
        TUSK_NETWORK: 'local',
        SUI_GRPC_URL: grpcUrl,
        WALRUS_STAKING_OBJECT_ID: devnet.network.deployment.stakingObjectId,
        WALRUS_SYSTEM_OBJECT_ID: devnet.network.deployment.systemObjectId,
        // This history's storage nodes are not served: poll them at the mainnet interval, not
        // the local network's twice a second, so that failing polls do not load the machine.
        TUSK_NODE_HEALTH_POLL_MS: '30000',
        // One client address drives all the load here: the per-client rate limit would measure itself.
        TUSK_RATE_LIMIT_PER_SECOND: '0',
      },
      stdio: 'ignore',
    });
    await waitForIndex(port, devnet.ledger.tip, child);
    console.log(`indexed ${devnet.network.nodes.size} operators; ${CLIENTS} concurrent clients`);

    const dataSource = new DataSource({
      ...dataSourceOptions(url.toString(), STORE_ENTITIES),
      migrationsRun: false,
      extra: { max: CLIENTS },
    });
    await dataSource.initialize();
    const manager = dataSource.manager;

    const operatorsCached = await cachedAgainstBare(port, OPERATOR_QUERY);
    const operatorsExecuted = await load(() => post(port, OPERATOR_QUERY, true));
    const operatorsSql = await load(() =>
      OperatorRepository.find(manager, {
        orderBy: [{ column: 'stake', direction: 'DESC' }],
        // The API reads one row past the page to tell whether another follows.
        limit: 151,
      }),
    );
    report('operators(first: 150)', operatorsCached, operatorsExecuted, operatorsSql);

    const delegatorQuery = `{ delegator(address: "${delegator}") { totalPrincipal totalRewards positions {
      objectId nodeId principal state activationEpoch withdrawEpoch canWithdrawNow canWithdrawEarly rewards } } }`;
    const delegatorCached = await cachedAgainstBare(port, delegatorQuery);
    const delegatorExecuted = await load(() => post(port, delegatorQuery, true));
    const delegatorSql = await load(async () => {
      const state = await StakingStateRepository.stakingState(manager);
      const positions = await StakedWalRepository.liveByOwner(manager, delegator);
      await PoolRepository.rateHistories(manager, [...new Set(positions.map((position) => position.nodeId))]);
      return state;
    });
    report('delegator(address) with 40 positions', delegatorCached, delegatorExecuted, delegatorSql);
    await dataSource.destroy();
  } finally {
    child?.kill('SIGTERM');
    await grpc.close();
    await postgres.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
