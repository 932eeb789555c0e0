import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { percentile, spread } from 'bench/statistics';
import { EmbeddedPostgresServer } from 'src/database/embedded-postgres.server';
import { findFreePort } from 'src/database/free-port';
import { Devnet } from 'src/devnet/devnet';
import { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import { registerSuiRpc } from 'src/devnet/ledger/sui-rpc.handlers';
import { loadScenario } from 'src/devnet/scenario';
import type { NodeId } from 'src/domain/shared/node-id';
import { GrpcTypes } from '@mysten/sui/grpc';
import { mainnetShapedHistory, MAINNET_SHAPE } from 'bench/mainnet-shape';
import { DEFAULT_READ_MASK } from 'src/chain/checkpoint-source';
import { ReadMask } from 'src/devnet/ledger/read-mask';

/**
 * The indexer replaying long devnet histories into a real PostgreSQL, in its own process, as
 * `tusk start` runs it: checkpoints/s with sparse Walrus activity, staking object changes/s under
 * heavy staking, the tip latency from a sealed checkpoint to `_meta` in GraphQL, and peak RSS.
 */

const FROST_PER_WAL = 1_000_000_000n;
const SPARSE_FILLER_CHECKPOINTS = 30_000;
const DENSE_STAKES = 12_000;
const STAKES_PER_CHECKPOINT = 60;
const LATENCY_SAMPLES = 60;
const DENSE_RUNS = 3;
const MAINNET_CHECKPOINTS = Number(process.env.BENCH_MAINNET_CHECKPOINTS ?? 2000);

interface Replay {
  /** The last checkpoint visible when the clock started; the replay is timed from it to the tip. */
  readonly firstCheckpoint: bigint;
  readonly checkpoints: bigint;
  readonly seconds: number;
  readonly changes: number;
  readonly peakRssMb: number;
}

/** The steady-state scenario run through `epochs` epoch changes in virtual time. */
function steadyState(seed: number, epochs: number): Devnet {
  const devnet = new Devnet({
    scenario: loadScenario('steady-state'),
    seed,
    epochDurationMs: 10_000,
    genesisTimeMs: Date.UTC(2026, 0, 1),
  });
  devnet.runUntilEpochDone(epochs);
  return devnet;
}

/** A Walrus history, then `filler` checkpoints of unrelated Sui traffic (the mainnet mix). */
function sparseDevnet(filler: number): Devnet {
  const devnet = steadyState(1, 10);
  const sender = devnet.delegatorAddress('someone-else');
  let now = devnet.now;
  for (let i = 0; i < filler; i++) {
    devnet.ledger.execute({
      sender,
      calls: [{ package: '0x2', module: 'pay', function: 'split' }],
      writes: [
        {
          objectId: devnet.ledger.newObjectId(),
          owner: { kind: 'address', address: sender },
          type: '0x2::coin::Coin<0x2::sui::SUI>',
          contents: new Uint8Array(40),
        },
      ],
    });
    now += 250;
    devnet.ledger.sealCheckpoint(now);
  }
  return devnet;
}

/** Thousands of stakes, then half of them withdrawn before activation: every one changes staking objects. */
function denseDevnet(stakes: number): Devnet {
  const devnet = steadyState(2, 2);
  const nodes = [...devnet.nodeIds.values()] as NodeId[];
  const positions: { owner: string; id: string }[] = [];
  let now = devnet.now;
  for (let i = 0; i < stakes; i++) {
    const owner = devnet.delegatorAddress(`bench-${i % 500}`);
    const nodeId = nodes[i % nodes.length] as NodeId;
    positions.push({
      owner,
      id: devnet.network.stakeWithPool(owner, nodeId, (10n + BigInt(i % 90)) * FROST_PER_WAL),
    });
    if ((i + 1) % STAKES_PER_CHECKPOINT === 0) {
      now += 250;
      devnet.ledger.sealCheckpoint(now);
    }
  }
  for (const [i, position] of positions.entries()) {
    if (i % 2 === 0) {
      devnet.network.withdrawStake(position.owner, position.id);
    }
    if ((i + 1) % (STAKES_PER_CHECKPOINT * 2) === 0) {
      now += 250;
      devnet.ledger.sealCheckpoint(now);
    }
  }
  now += 250;
  devnet.ledger.sealCheckpoint(now);
  return devnet;
}

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function meta(port: number): Promise<{ checkpoint: string | null } | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _meta { checkpoint } }' }),
    });
    const body = (await response.json()) as { data?: { _meta: { checkpoint: string | null } } };
    return body.data?._meta;
  } catch {
    return undefined;
  }
}

async function changesIndexed(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('tusk_indexer_changes_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ')[1]), 0);
}

function peakRssMb(child: ChildProcess): number {
  const status = readFileSync(`/proc/${String(child.pid)}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function startTusk(
  devnet: Devnet,
  grpcUrl: string,
  databaseUrl: string,
): Promise<{ child: ChildProcess; port: number }> {
  const port = await findFreePort();
  const { deployment } = devnet.network;
  const child = spawn(
    process.execPath,
    [
      ...(process.env.TUSK_BENCH_PROFILE === undefined
        ? []
        : ['--cpu-prof', '--cpu-prof-dir=' + process.env.TUSK_BENCH_PROFILE]),
      ...(process.env.TUSK_BENCH_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== ''),
      ...(process.env.TUSK_BENCH_HEAP === undefined
        ? []
        : ['--heapsnapshot-signal=SIGUSR2', '--diagnostic-dir=' + process.env.TUSK_BENCH_HEAP]),
      join(__dirname, '..', '..', 'bin', 'tusk.js'),
      'start',
    ],
    {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        TUSK_NETWORK: 'local',
        SUI_GRPC_URL: grpcUrl,
        WALRUS_STAKING_OBJECT_ID: deployment.stakingObjectId,
        WALRUS_SYSTEM_OBJECT_ID: deployment.systemObjectId,
      },
      // TUSK_BENCH_LOG keeps the process's output (and that of diagnostic flags) in a file.
      stdio:
        process.env.TUSK_BENCH_LOG === undefined
          ? 'ignore'
          : ['ignore', openSync(process.env.TUSK_BENCH_LOG, 'a'), openSync(process.env.TUSK_BENCH_LOG, 'a')],
    },
  );
  return { child, port };
}

/** Replays the whole history and times it from the first indexed checkpoint to the tip. */
async function replay(
  devnet: Devnet,
  adminUrl: string,
  name: string,
  /** A server already serving the history (and warm); by default one is started for the replay. */
  servedAt?: string,
): Promise<Replay & { stop: () => Promise<void>; port: number }> {
  const server = new GrpcWebServer();
  registerSuiRpc(server, devnet.ledger);
  const grpcUrl = servedAt ?? (await server.listen(0));
  const { child, port } = await startTusk(devnet, grpcUrl, await createDatabase(adminUrl, name));
  const tip = devnet.ledger.tip;
  let first: { checkpoint: bigint; at: number; changes: number } | undefined;
  let snapshotTaken = false;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`tusk exited with ${child.exitCode}`);
    }
    const current = await meta(port);
    const checkpoint =
      current?.checkpoint === null || current === undefined ? undefined : BigInt(current.checkpoint);
    if (checkpoint !== undefined) {
      // What was indexed before the clock started is not counted: the first batch can be large.
      first ??= { checkpoint, at: performance.now(), changes: await changesIndexed(port) };
      // A heap snapshot (TUSK_BENCH_HEAP) well into the replay, where the heap is near its peak.
      if (process.env.TUSK_BENCH_HEAP !== undefined && !snapshotTaken && checkpoint * 10n >= tip * 7n) {
        snapshotTaken = child.kill('SIGUSR2');
      }
      if (checkpoint >= tip) {
        break;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - first.at) / 1000;
  const result = {
    firstCheckpoint: first.checkpoint,
    checkpoints: tip - first.checkpoint,
    seconds,
    changes: (await changesIndexed(port)) - first.changes,
    peakRssMb: peakRssMb(child),
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      if (servedAt === undefined) {
        await server.close();
      }
    },
  };
  return result;
}

/** Seals checkpoints in real time and times each one until `_meta` shows it. */
async function tipLatency(devnet: Devnet, port: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    devnet.tick();
    const sealed = performance.now();
    const target = devnet.ledger.tip;
    for (;;) {
      const current = await meta(port);
      if (current?.checkpoint !== null && current !== undefined && BigInt(current.checkpoint) >= target) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    samples.push(performance.now() - sealed);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return samples.sort((a, b) => a - b);
}

/**
 * Bytes of each checkpoint as the server sends it under the indexer's read mask (protobuf,
 * unframed), their sum, and the transactions in the history.
 */
function wireBytes(devnet: Devnet): { bytes: number; sizes: number[]; transactions: number } {
  const mask = new ReadMask(GrpcTypes.Checkpoint, [...DEFAULT_READ_MASK], []);
  const sizes: number[] = [];
  let transactions = 0;
  for (let sequence = 0n; sequence <= devnet.ledger.tip; sequence++) {
    const checkpoint = devnet.ledger.checkpoint(sequence);
    sizes.push(checkpoint === undefined ? 0 : GrpcTypes.Checkpoint.toBinary(mask.apply(checkpoint)).length);
    transactions += checkpoint?.transactions.length ?? 0;
  }
  return { bytes: sizes.reduce((sum, size) => sum + size, 0), sizes, transactions };
}

/** The filter-only consumer in a process of its own, over the same server. */
async function consumeOnly(grpcUrl: string, tip: bigint): Promise<{ seconds: number; peakRssMb: number }> {
  const child = spawn(process.execPath, [join(__dirname, 'checkpoint-consumer.js'), grpcUrl, String(tip)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, peakRssMb(child));
    } catch {
      // the process has just exited
    }
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearInterval(sampler);
  if (code !== 0) {
    throw new Error(`the filter-only consumer exited with ${String(code)}`);
  }
  return { seconds: (JSON.parse(output) as { seconds: number }).seconds, peakRssMb: peakRss };
}

/**
 * The filter-only consumer (the limit), then one Tusk replay per database name, all over one
 * server that keeps the history encoded, as a full node serves stored bytes: a first consumer pass
 * fills it, so that no measured run pays for encoding.
 */
async function besideTheLimit(
  devnet: Devnet,
  adminUrl: string,
  databases: readonly string[],
): Promise<{ limit: { seconds: number; peakRssMb: number }; replays: Replay[] }> {
  const server = new GrpcWebServer();
  registerSuiRpc(server, devnet.ledger, { encodedCheckpoints: Number(devnet.ledger.tip) + 10 });
  const grpcUrl = await server.listen(0);
  try {
    await consumeOnly(grpcUrl, devnet.ledger.tip);
    const limit = await consumeOnly(grpcUrl, devnet.ledger.tip);
    const replays: Replay[] = [];
    for (const database of databases) {
      const replayed = await replay(devnet, adminUrl, database, grpcUrl);
      await replayed.stop();
      replays.push(replayed);
    }
    return { limit, replays };
  } finally {
    await server.close();
  }
}

/** Tusk against the limit of receiving and decoding the same mainnet-shaped stream. */
async function mainnetShaped(adminUrl: string): Promise<void> {
  const started = performance.now();
  const history = mainnetShapedHistory(MAINNET_CHECKPOINTS);
  const { devnet } = history;
  const { bytes, sizes, transactions } = wireBytes(devnet);
  const checkpoints = Number(devnet.ledger.tip) + 1;
  const walrus = transactions - history.unrelatedTransactions;
  console.log(
    `mainnet-shaped history: ${checkpoints} checkpoints every ${MAINNET_SHAPE.checkpointIntervalMs} ms, ` +
      `${history.unrelatedTransactions} unrelated transactions (${(history.unrelatedTransactions / checkpoints).toFixed(1)} per checkpoint), ` +
      `${history.unrelatedObjects} objects, ${history.unrelatedEvents} events, ${walrus} Walrus transactions ` +
      `(${((100 * walrus) / (walrus + history.unrelatedTransactions)).toFixed(2)}%), ` +
      `${(bytes / 1e6).toFixed(1)} MB on the wire (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  const { limit, replays } = await besideTheLimit(devnet, adminUrl, ['bench_mainnet']);
  const run = replays[0] as Replay;
  if (run.checkpoints < 100n) {
    // Tusk's first batch took nearly the whole history before the clock could start.
    throw new Error(
      `only ${run.checkpoints} checkpoints were timed: raise BENCH_MAINNET_CHECKPOINTS (now ${MAINNET_CHECKPOINTS})`,
    );
  }
  // The consumer is timed over the whole history; Tusk from its first visible checkpoint on.
  const limitRate = checkpoints / limit.seconds;
  const tuskRate = Number(run.checkpoints) / run.seconds;
  const tuskBytes = sizes.slice(Number(run.firstCheckpoint) + 1).reduce((sum, size) => sum + size, 0);
  console.log(
    `  filter-only consumer (the limit): ${Math.round(limitRate)} checkpoints/s, ` +
      `${(bytes / 1e6 / limit.seconds).toFixed(1)} MB/s, peak RSS ${limit.peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `  Tusk: ${Math.round(tuskRate)} checkpoints/s, ${(tuskBytes / 1e6 / run.seconds).toFixed(1)} MB/s ` +
      `(${run.checkpoints} checkpoints timed), peak RSS ${run.peakRssMb.toFixed(0)} MB (target < 300); ` +
      `ratio ${((100 * tuskRate) / limitRate).toFixed(0)}% of the limit (target >= 50%); ` +
      `a mainnet day (${MAINNET_SHAPE.checkpointsPerDay} checkpoints) at this rate: ` +
      `${(MAINNET_SHAPE.checkpointsPerDay / tuskRate / 60).toFixed(0)} min`,
  );
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'tusk-bench-'));
  const postgres = new EmbeddedPostgresServer({ dataDir: join(scratch, 'data'), port: 0, ephemeral: true });
  const adminUrl = await postgres.start();
  try {
    if (selected('mainnet')) {
      await mainnetShaped(adminUrl);
    }
    if (selected('sparse')) {
      await sparseReplay(adminUrl);
    }
    if (selected('dense')) {
      await denseReplays(adminUrl);
    }
  } finally {
    await postgres.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** BENCH_ONLY=mainnet|sparse|dense runs one case; by default all run. */
function selected(name: 'mainnet' | 'sparse' | 'dense'): boolean {
  const only = process.env.BENCH_ONLY;
  return only === undefined || only === '' || only === name;
}

async function sparseReplay(adminUrl: string): Promise<void> {
  const started = performance.now();
  const sparse = sparseDevnet(SPARSE_FILLER_CHECKPOINTS);
  console.log(
    `sparse history: ${sparse.ledger.tip + 1n} checkpoints, ${sparse.stats.transactions} Walrus transactions ` +
      `(generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  const sparseRun = await replay(sparse, adminUrl, 'bench_sparse');
  const latency = await tipLatency(sparse, sparseRun.port);
  await sparseRun.stop();
  console.log(
    `  replay: ${Math.round(Number(sparseRun.checkpoints) / sparseRun.seconds)} checkpoints/s ` +
      `(${sparseRun.checkpoints} in ${sparseRun.seconds.toFixed(2)} s; target >= 5000), peak RSS ${sparseRun.peakRssMb.toFixed(0)} MB (target < 300)`,
  );
  console.log(
    `  tip latency, checkpoint sealed -> visible in GraphQL _meta: median ${percentile(latency, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(latency, 99).toFixed(1)} ms over ${latency.length} checkpoints (target < 1000 ms)`,
  );
}

async function denseReplays(adminUrl: string): Promise<void> {
  const started = performance.now();
  const dense = denseDevnet(DENSE_STAKES);
  const { bytes } = wireBytes(dense);
  console.log(
    `dense history: ${dense.ledger.tip + 1n} checkpoints, ${DENSE_STAKES} stakes and ${DENSE_STAKES / 2} withdrawals, ` +
      `${(bytes / 1e6).toFixed(1)} MB on the wire (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  // Three replays of the same history into fresh databases: the spread says how noisy one run is.
  const { limit, replays: runs } = await besideTheLimit(
    dense,
    adminUrl,
    Array.from({ length: DENSE_RUNS }, (_, run) => `bench_dense_${run + 1}`),
  );
  console.log(
    `  filter-only consumer (the limit): ${(bytes / 1e6 / limit.seconds).toFixed(1)} MB/s, ` +
      `peak RSS ${limit.peakRssMb.toFixed(0)} MB`,
  );
  const rates = runs.map((run) => run.changes / run.seconds);
  console.log(
    `  replay x${DENSE_RUNS}: ${spread(rates, 0, '')} staking object changes/s, median (min–max) ` +
      `(${runs[0]?.changes ?? 0} changes timed in the first run; target median >= 20000), ` +
      `peak RSS ${spread(
        runs.map((run) => run.peakRssMb),
        0,
        ' MB',
      )} (target < 300)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
