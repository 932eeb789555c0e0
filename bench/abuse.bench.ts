import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { setPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { parse } from 'graphql';
import { Client } from 'pg';
import { percentile, spread } from 'bench/statistics';
import { buildSchemaText } from 'src/api/graphql-schema';
import { queryCost } from 'src/api/query-cost';
import { DEFAULT_QUERY_COST_BUDGET } from 'src/config/app-config';
import { EmbeddedPostgresServer } from 'src/database/embedded-postgres.server';
import { findFreePort } from 'src/database/free-port';

/**
 * Tusk as `npm start` runs it (role `all`: the local network in real time, the indexer, the
 * orchestrator and the API in one service) measured in one run, quiet and then under abuse, in
 * three rounds whose ratios are reported as median and spread: the machine is shared, and one
 * round's quiet tail is noise. The abuse is 20 concurrent clients, half sending the costliest query
 * the budget admits, half sending queries over the budget. Measured both times: a trivial query's latency (executed, not cached), `/health`'s
 * latency, and the indexer's tip latency (the age of the newest indexed checkpoint, read from the
 * database directly so that the API's load does not colour it). The abuse runs twice: from one
 * address, which the per-address rate limit (at its defaults) stops, and from a new address on
 * every request, the attacker with many addresses whom it does not. How long Tusk takes to refuse
 * is read from its own histogram (from the request read to the answer written), beside what a
 * paced client sending over-budget queries sees.
 */

/**
 * The local network's epoch, and each phase's length: one whole epoch, so that every phase holds
 * one epoch change (the indexer's and the orchestrator's busiest moment). With phases of half an
 * epoch, one phase of a round held a change and the next none, and their tails were not alike.
 */
const EPOCH_MS = 30_000;
const PHASE_MS = EPOCH_MS;
/**
 * How often the trivial query is sent: every 20 ms, about 1 500 samples a phase. Its p99 is then
 * read from the 15 slowest, not the 3 slowest of every 50 ms, which one stall moved.
 */
const TRIVIAL_EVERY_MS = 20;
/** From five addresses in turn, each within the per-address rate limit (20 a second). */
const TRIVIAL_CLIENTS = ['192.0.2.10', '192.0.2.11', '192.0.2.12', '192.0.2.13', '192.0.2.14'];
/** Tells this file, run again as a child, to be the flood. */
const FLOOD_ARGUMENT = '--flood';
const ABUSERS = 20;
const TRIVIAL = '{ network { epoch state } }';
const HEAVY_UNIT = `operators(first: 100) { edges { node { nodeId name stake shards commissionRate delegatorCount
  history(last: 30) { epoch stake shards } apy { apy fromEpoch } pendingCommissionRates { rate } } } }`;

interface Sample {
  readonly ms: number;
  /** Tusk's own time over the request, from its `Server-Timing` header. */
  readonly serverMs: number;
  readonly status: number;
  readonly body: string;
}

function send(
  port: number,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Sample> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            serverMs: Number(/tusk;dur=([\d.]+)/.exec(String(response.headers['server-timing']))?.[1] ?? NaN),
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A GraphQL POST from client address `from` (Tusk trusts X-Forwarded-For from loopback here). */
const graphql = (port: number, query: string, from: string, fresh = false) =>
  send(port, '/graphql', JSON.stringify({ query }), {
    'x-forwarded-for': from,
    ...(fresh ? { 'cache-control': 'no-cache' } : {}),
  });

/** Over-budget queries sent renamed so far: each is one Tusk has never seen. */
let novel = 0;

/** Where the abuse comes from: one address (which the per-address limit stops) or a new one each time. */
type Attackers = 'one address' | 'many addresses';

let addresses = 0;
function attackerAddress(attackers: Attackers): string {
  if (attackers === 'one address') {
    return '10.0.0.1';
  }
  addresses++;
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
}

/** The largest number of heavy aliases whose cost stays within the budget, and the query. */
async function worstAdmissible(
  budget: number,
): Promise<{ query: string; cost: number; over: string; overCost: number }> {
  const schema = buildSchema(await buildSchemaText());
  const build = (aliases: number) =>
    `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ${HEAVY_UNIT}`).join(' ')} }`;
  const cost = (aliases: number) => {
    const priced = queryCost(schema, parse(build(aliases)), {}, undefined);
    return priced.kind === 'cost' ? priced.cost : Number.POSITIVE_INFINITY;
  };
  let aliases = 1;
  while (cost(aliases + 1) <= budget) {
    aliases++;
  }
  if (cost(aliases) > budget) {
    throw new Error(`even one heavy unit costs ${cost(1)}, over the budget of ${budget}`);
  }
  // The abusive query of the report: 150 such aliases.
  return { query: build(aliases), cost: cost(aliases), over: build(150), overCost: cost(150) };
}

interface PhaseResult {
  trivial: number[];
  /** Trivial queries not answered 200 (a rate limit reached would show here). */
  trivialFailed: number;
  trivialServer: number[];
  health: number[];
  tipLag: number[];
  admitted: number[];
  rejected: number[];
  rejectedProbe: number[];
  rejectedProbeServer: number[];
  novelProbeServer: number[];
  statuses: Map<string, number>;
}

async function tipLagMs(client: Client): Promise<number> {
  const { rows } = await client.query<{ lag: number }>(
    `SELECT (extract(epoch FROM clock_timestamp()) * 1000 - min(timestamp_ms_hi_inclusive))::float8 AS lag
     FROM pipeline_watermark`,
  );
  return rows[0]?.lag ?? Number.NaN;
}

async function phase(
  port: number,
  database: Client,
  abuse: { query: string; over: string; attackers: Attackers } | undefined,
): Promise<PhaseResult> {
  let trivialSent = 0;
  const result: PhaseResult = {
    trivial: [],
    trivialFailed: 0,
    trivialServer: [],
    health: [],
    tipLag: [],
    admitted: [],
    rejected: [],
    rejectedProbe: [],
    rejectedProbeServer: [],
    novelProbeServer: [],
    statuses: new Map(),
  };
  const end = Date.now() + PHASE_MS;
  const loops: Promise<void>[] = [];
  const every = async (ms: number, work: () => Promise<void>) => {
    while (Date.now() < end) {
      const started = Date.now();
      await work();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms - (Date.now() - started))));
    }
  };
  loops.push(
    every(TRIVIAL_EVERY_MS, async () => {
      const sample = await graphql(
        port,
        TRIVIAL,
        TRIVIAL_CLIENTS[trivialSent++ % TRIVIAL_CLIENTS.length] ?? '',
        true,
      );
      if (sample.status !== 200) {
        result.trivialFailed++;
      }
      result.trivial.push(sample.ms);
      result.trivialServer.push(sample.serverMs);
    }),
    every(250, async () => {
      result.health.push((await send(port, '/health')).ms);
    }),
    every(250, async () => {
      result.tipLag.push(await tipLagMs(database));
    }),
  );
  if (abuse !== undefined) {
    // One more client, paced like the trivial one, sending the over-budget query: the time a
    // rejection takes for someone not part of the flood.
    loops.push(
      every(50, async () => {
        const sample = await graphql(port, abuse.over, '192.0.2.2', true);
        result.rejectedProbe.push(sample.ms);
        result.rejectedProbeServer.push(sample.serverMs);
      }),
    );
    // And one sending an over-budget query never seen before each time (its aliases renamed), which
    // no kept price answers: it is parsed and priced, and refused before validation.
    loops.push(
      every(250, async () => {
        novel++;
        const renamed = abuse.over.replace(/\ba(\d+):/g, `n${novel}_$1:`);
        const sample = await graphql(port, renamed, '192.0.2.4', true);
        result.novelProbeServer.push(sample.serverMs);
      }),
    );
    loops.push(flood(port, abuse, end, result));
  }
  await Promise.all(loops);
  return result;
}

/** What the flood's clients saw, reported back by the worker that ran them. */
interface FloodResult {
  readonly admitted: number[];
  readonly rejected: number[];
  readonly statuses: [string, number][];
}

/**
 * Runs the abusive clients in a process of their own until `end`, at the lowest CPU priority: they
 * stand for other machines, and on the cores Tusk runs on they would otherwise take CPU time from
 * the server they attack (and, in the measuring client's event loop, count their own responses'
 * handling as the trivial query's latency). They still send as fast as the cores left to them
 * allow, and every request they send is Tusk's to handle.
 */
async function flood(
  port: number,
  abuse: { query: string; over: string; attackers: Attackers },
  end: number,
  result: PhaseResult,
): Promise<void> {
  const child = fork(__filename, [FLOOD_ARGUMENT], { stdio: 'inherit' });
  if (child.pid !== undefined) {
    setPriority(child.pid, 19);
    if (FLOOD_SCHEDULING === 'idle') {
      spawnSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(child.pid)], { stdio: 'ignore' });
    }
  }
  const flooded = await new Promise<FloodResult>((resolve, reject) => {
    child.once('message', (message) => {
      resolve(message as FloodResult);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`the flood exited with ${String(code)} before reporting`));
    });
    child.send({ port, abuse, end });
  });
  child.kill();
  result.admitted.push(...flooded.admitted);
  result.rejected.push(...flooded.rejected);
  for (const [label, count] of flooded.statuses) {
    result.statuses.set(label, count);
  }
}

/** The flood process's side of `flood`: ABUSERS closed loops, half admissible, half over the budget. */
async function runFlood({
  port,
  abuse,
  end,
}: {
  port: number;
  abuse: { query: string; over: string; attackers: Attackers };
  end: number;
}): Promise<FloodResult> {
  const admittedMs: number[] = [];
  const rejectedMs: number[] = [];
  const statuses = new Map<string, number>();
  await Promise.all(
    Array.from({ length: ABUSERS }, async (_, client) => {
      const admitted = client % 2 === 0;
      while (Date.now() < end) {
        const sample = await graphql(
          port,
          admitted ? abuse.query : abuse.over,
          attackerAddress(abuse.attackers),
          true,
        );
        (admitted ? admittedMs : rejectedMs).push(sample.ms);
        const code = /"code":"([A-Z_]+)"/.exec(sample.body)?.[1] ?? 'ok';
        const label = `${admitted ? 'admissible' : 'over budget'} → ${sample.status} ${code}`;
        statuses.set(label, (statuses.get(label) ?? 0) + 1);
      }
    }),
  );
  return { admitted: admittedMs, rejected: rejectedMs, statuses: [...statuses] };
}

function summary(samples: number[]): { p50: number; p99: number; max: number; n: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    n: sorted.length,
  };
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
/** `idle`: the flood runs under SCHED_IDLE (BENCH_ABUSE_FLOOD=idle), else at niceness 19 alone. */
const FLOOD_SCHEDULING = process.env.BENCH_ABUSE_FLOOD === 'idle' ? 'idle' : 'nice';

/** Three by default; fewer for a quick look (`BENCH_ABUSE_ROUNDS`). */
const ROUNDS = Number(process.env.BENCH_ABUSE_ROUNDS ?? 3);

/** One round's figures for one kind of abuse, beside the same round's quiet phase. */
interface RoundFigures {
  readonly trivial: [ReturnType<typeof summary>, ReturnType<typeof summary>];
  /** The trivial query as Tusk timed it (Server-Timing): its own part of the wait. */
  readonly trivialServer: [ReturnType<typeof summary>, ReturnType<typeof summary>];
  readonly health: [ReturnType<typeof summary>, ReturnType<typeof summary>];
  readonly tipLag: [ReturnType<typeof summary>, ReturnType<typeof summary>];
  readonly probe: ReturnType<typeof summary>;
  readonly probeServer: ReturnType<typeof summary>;
  readonly novelServer: ReturnType<typeof summary>;
  readonly refusedWithin10ms: number;
  readonly refusalsTimed: number;
}

function report(
  round: number,
  attackers: Attackers,
  quiet: PhaseResult,
  loaded: PhaseResult,
  timed: RefusalTimes,
): RoundFigures {
  const figures: RoundFigures = {
    trivial: [summary(quiet.trivial), summary(loaded.trivial)],
    trivialServer: [summary(quiet.trivialServer), summary(loaded.trivialServer)],
    health: [summary(quiet.health), summary(loaded.health)],
    tipLag: [summary(quiet.tipLag), summary(loaded.tipLag)],
    probe: summary(loaded.rejectedProbe),
    probeServer: summary(loaded.rejectedProbeServer),
    novelServer: summary(loaded.novelProbeServer),
    refusedWithin10ms: timed.within10ms,
    refusalsTimed: timed.count,
  };
  console.log(`\n== round ${round}, abuse from ${attackers}`);
  console.log('                 quiet p50 / p99          under abuse p50 / p99       ratio p50 / p99');
  for (const [name, [before, after]] of [
    ['trivial query', figures.trivial],
    ["  Tusk's own part", figures.trivialServer],
    ['/health', figures.health],
    ['tip latency', figures.tipLag],
  ] as const) {
    console.log(
      `${name.padEnd(16)} ${fmt(before.p50).padStart(10)} / ${fmt(before.p99).padEnd(12)} ` +
        `${fmt(after.p50).padStart(10)} / ${fmt(after.p99).padEnd(12)} ` +
        `${(after.p50 / before.p50).toFixed(2)}× / ${(after.p99 / before.p99).toFixed(2)}×`,
    );
  }
  console.log(
    `trivial queries: ${figures.trivial[0].n} quiet, ${figures.trivial[1].n} under abuse; ` +
      `not answered 200: ${quiet.trivialFailed} and ${loaded.trivialFailed}`,
  );
  const rejected = summary(loaded.rejected);
  const admitted = summary(loaded.admitted);
  console.log(
    `over-budget queries, paced probe client: ${figures.probe.n} answered, p50 ${fmt(figures.probe.p50)}, ` +
      `p99 ${fmt(figures.probe.p99)}, max ${fmt(figures.probe.max)}; Tusk's own part p50 ` +
      `${fmt(figures.probeServer.p50)}, p99 ${fmt(figures.probeServer.p99)}, max ${fmt(figures.probeServer.max)}`,
  );
  console.log(
    `novel over-budget queries (parsed and priced), paced probe: ${figures.novelServer.n} answered; ` +
      `Tusk's own part p50 ${fmt(figures.novelServer.p50)}, p99 ${fmt(figures.novelServer.p99)}, ` +
      `max ${fmt(figures.novelServer.max)}`,
  );
  console.log(
    `refusals timed by Tusk (request read → answer written): ${timed.count}, ` +
      `${((100 * timed.within10ms) / Math.max(1, timed.count)).toFixed(2)}% within 10 ms, ` +
      `${((100 * timed.within1ms) / Math.max(1, timed.count)).toFixed(2)}% within 1 ms`,
  );
  console.log(
    `the ${ABUSERS / 2} clients sending over-budget queries: ${rejected.n} answered, p50 ${fmt(rejected.p50)}, p99 ${fmt(rejected.p99)}`,
  );
  console.log(
    `the ${ABUSERS / 2} clients sending the worst admissible query: ${admitted.n} answered, p50 ${fmt(admitted.p50)}, p99 ${fmt(admitted.p99)}`,
  );
  for (const [label, count] of loaded.statuses) {
    console.log(`  ${label}: ${count}`);
  }
  return figures;
}

function conclude(attackers: Attackers, rounds: RoundFigures[]): void {
  const p99Ratio = (pick: (round: RoundFigures) => RoundFigures['trivial']) =>
    rounds.map((round) => pick(round)[1].p99 / pick(round)[0].p99);
  console.log(`\n== abuse from ${attackers}: median (min–max) of ${rounds.length} rounds`);
  console.log(
    `trivial query p99 under abuse / quiet: ${spread(p99Ratio((round) => round.trivial))} (target ≤ 2×)`,
  );
  console.log(
    `trivial query p99 under abuse / quiet, Tusk's own part (Server-Timing): ${spread(
      p99Ratio((round) => round.trivialServer),
    )}`,
  );
  console.log(`/health p99 under abuse / quiet:      ${spread(p99Ratio((round) => round.health))}`);
  console.log(
    `tip latency p99 under abuse / quiet:  ${spread(p99Ratio((round) => round.tipLag))} (target ≤ 2×)`,
  );
  console.log(
    `trivial query p99, quiet: ${spread(
      rounds.map((round) => round.trivial[0].p99),
      1,
      ' ms',
    )}; ` +
      `under abuse: ${spread(
        rounds.map((round) => round.trivial[1].p99),
        1,
        ' ms',
      )}`,
  );
  console.log(
    `refusals answered by Tusk within 10 ms: ${spread(
      rounds.map((round) => (100 * round.refusedWithin10ms) / Math.max(1, round.refusalsTimed)),
      2,
      '%',
    )} (target 100%); paced probe client p50 ${spread(
      rounds.map((round) => round.probe.p50),
      1,
      ' ms',
    )}, p99 ${spread(
      rounds.map((round) => round.probe.p99),
      1,
      ' ms',
    )}; its refusals' own time, max ${spread(
      rounds.map((round) => round.probeServer.max),
      2,
      ' ms',
    )}`,
  );
  console.log(
    `novel over-budget queries, Tusk's own time: p50 ${spread(
      rounds.map((round) => round.novelServer.p50),
      1,
      ' ms',
    )}, max ${spread(
      rounds.map((round) => round.novelServer.max),
      1,
      ' ms',
    )}`,
  );
}

/** Refusals the API timed itself, from its histogram (cumulative since it started). */
interface RefusalTimes {
  readonly count: number;
  readonly within1ms: number;
  readonly within10ms: number;
}

async function refusalTimes(port: number): Promise<RefusalTimes> {
  const text = (await send(port, '/metrics')).body;
  const sum = (pattern: RegExp) =>
    [...text.matchAll(pattern)].reduce((total, match) => total + Number(match[1]), 0);
  return {
    count: sum(/^tusk_api_refusal_seconds_count\{[^}]*\} (\S+)$/gm),
    within1ms: sum(/^tusk_api_refusal_seconds_bucket\{le="0\.001",[^}]*\} (\S+)$/gm),
    within10ms: sum(/^tusk_api_refusal_seconds_bucket\{le="0\.01",[^}]*\} (\S+)$/gm),
  };
}

const minus = (after: RefusalTimes, before: RefusalTimes): RefusalTimes => ({
  count: after.count - before.count,
  within1ms: after.within1ms - before.within1ms,
  within10ms: after.within10ms - before.within10ms,
});

async function main(): Promise<void> {
  const budget = DEFAULT_QUERY_COST_BUDGET;
  const abuse = await worstAdmissible(budget);
  console.log(
    `worst admissible query: ${(abuse.query.match(/ a\d+:/g) ?? []).length} aliases, cost ${abuse.cost} of ${budget}; ` +
      `rejected query: 150 aliases, cost ${abuse.overCost}`,
  );
  const dataDir = join(tmpdir(), `tusk-bench-abuse-${process.pid}`);
  const server = new EmbeddedPostgresServer({ dataDir, port: 0, ephemeral: true });
  const url = await server.start();
  const port = await findFreePort();
  let child: ChildProcess | undefined;
  const database = new Client({ connectionString: url });
  try {
    child = spawn(process.execPath, [join(__dirname, '..', '..', 'bin', 'tusk.js'), 'start'], {
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: url,
        TUSK_NETWORK: 'local',
        // The per-address limit at its defaults; client addresses are named by X-Forwarded-For.
        TUSK_TRUST_PROXY: 'loopback',
        DEVNET_EPOCH_DURATION_MS: String(EPOCH_MS),
      },
      stdio: 'ignore',
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const ready = await graphql(port, '{ network { epoch } }', '192.0.2.3', true).catch(() => undefined);
      if (ready?.status === 200 && ready.body.includes('"epoch"')) {
        break;
      }
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error('tusk did not start serving');
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await database.connect();
    // Let the replay of the first epochs settle into following the tip.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    console.log(
      `${ROUNDS} rounds of: ${PHASE_MS / 1000} s quiet, then ${PHASE_MS / 1000} s with ${ABUSERS} abusive clients ` +
        `from one address, then ${PHASE_MS / 1000} s with ${ABUSERS} abusive clients each request from a new address`,
    );
    const figures = new Map<Attackers, RoundFigures[]>();
    for (let round = 1; round <= ROUNDS; round++) {
      const quiet = await phase(port, database, undefined);
      for (const attackers of ['one address', 'many addresses'] as const) {
        const before = await refusalTimes(port);
        const loaded = await phase(port, database, { ...abuse, attackers });
        const timed = minus(await refusalTimes(port), before);
        figures.set(attackers, [
          ...(figures.get(attackers) ?? []),
          report(round, attackers, quiet, loaded, timed),
        ]);
      }
    }
    for (const [attackers, rounds] of figures) {
      conclude(attackers, rounds);
    }
  } finally {
    child?.kill('SIGTERM');
    await database.end().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await server.stop();
  }
}

if (process.argv.includes(FLOOD_ARGUMENT)) {
  process.once('message', (message) => {
    void runFlood(message as Parameters<typeof runFlood>[0]).then((result) => {
      process.send?.(result);
    });
  });
} else {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
