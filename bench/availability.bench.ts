import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { spread } from 'bench/statistics';
import { AvailabilityTracker } from 'src/availability/availability.tracker';
import { EmbeddedPostgresServer } from 'src/database/embedded-postgres.server';
import { SimulatedStorageNode } from 'src/devnet/storage-nodes/simulated-storage-node';
import type { NodeHealthReport } from 'src/domain/shard-migration/node-health-report';
import { parseNodeId } from 'src/domain/shared/node-id';
import { NodeHealthClient } from 'src/shard-migration/health/node-health.client';
import { NodeHealthPoller } from 'src/shard-migration/health/node-health.poller';
import { createStoreDataSource } from 'src/store/store.entities';

/**
 * What watching every member all the time costs, for a mainnet-sized committee of 150 nodes:
 *
 * 1. Polling: Tusk's poller and availability tracker against 150 storage nodes served over real
 *    HTTP by another process, on a real PostgreSQL, polled every second (30 times mainnet's
 *    default of every 30 s, so that a short run measures something), three rounds. Reported: polls
 *    per second, and the CPU of Tusk's process and of PostgreSQL per poll and per second at the
 *    default pace.
 * 2. History: a month of mainnet as the tracker records it (two epoch changes with handoffs whose
 *    shards become ready one by one, two outages per node, polls every 30 s that change nothing),
 *    written through the same tracker on a virtual clock; reported: rows and bytes on disk.
 */

const NODES = 150;
const SHARDS = 1000;
const ROUND_MS = 15_000;
const ROUNDS = 3;
const BENCH_POLL_MS = 1000;
const MAINNET_POLL_MS = 30_000;
/** Tells this file, run again as a child, to serve the storage nodes. */
const NODES_ARGUMENT = '--serve-nodes';

const nodeId = (index: number) => `0x${(index + 1).toString(16).padStart(64, '0')}`;
const address = (index: number) => `node-${index}.bench.walrus:9185`;

/** Shards of the committee: 1000 over 150 nodes, round-robin. */
function committee(): { nodeId: string; shards: number[] }[] {
  return Array.from({ length: NODES }, (_, index) => ({
    nodeId: nodeId(index),
    shards: Array.from({ length: SHARDS }, (_, shard) => shard).filter((shard) => shard % NODES === index),
  }));
}

/** The child: 150 simulated storage nodes behind one gateway, routed by `Host`. */
async function serveNodes(): Promise<void> {
  const members = committee();
  const nodes = new Map<string, SimulatedStorageNode>();
  for (const [index, member] of members.entries()) {
    const node = new SimulatedStorageNode({
      nodeId: parseNodeId(member.nodeId),
      name: `node-${index}`,
      publicKey: Buffer.alloc(48, index).toString('base64'),
      transferMs: 1000,
      recoveryAfterMs: 2000,
    });
    node.onEpochChange(
      1,
      [],
      members.map((m) => ({ nodeId: parseNodeId(m.nodeId), shards: m.shards })),
    );
    nodes.set(address(index), node);
  }
  const gateway = createServer((request, response) => {
    const node = nodes.get(request.headers.host ?? '');
    if (node === undefined) {
      response.writeHead(404).end();
      return;
    }
    node.serve(request, response);
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  process.send?.({ url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}` });
}

async function seed(dataSource: DataSource): Promise<void> {
  const members = committee();
  const now = new Date();
  await dataSource.query(
    `INSERT INTO storage_node (node_id, name, network_address, public_key, network_public_key, exchange_rates_id,
       commission_receiver, governance_authorized, first_seen_checkpoint, version, checkpoint, updated_at)
     SELECT id, 'node-' || (n - 1), 'node-' || (n - 1) || '.bench.walrus:9185', '', '', id, id, id, 0, 1, 0, $2
     FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`,
    [members.map((member) => member.nodeId), now],
  );
  await dataSource.query(
    `INSERT INTO committee_member (epoch, node_id, position, shards, shard_count, checkpoint)
     SELECT 1, id, n - 1, string_to_array(shards, ',')::smallint[], cardinality(string_to_array(shards, ',')), 0
     FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(id, shards, n)`,
    [members.map((member) => member.nodeId), members.map((member) => member.shards.join(','))],
  );
  await dataSource.query(
    `INSERT INTO staking_state (epoch, version, checkpoint, updated_at, n_shards, epoch_duration_ms,
       first_epoch_start_ms, epoch_state, next_committee_selected)
     VALUES (1, 1, 0, $1, ${SHARDS}, 1209600000, 0, 'EpochChangeDone', false)`,
    [now],
  );
}

/** CPU seconds (user + system) of every PostgreSQL process, from /proc. */
function postgresCpuSeconds(): number {
  const ticks = 100;
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (!name.startsWith('postgres')) {
        continue;
      }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / ticks;
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

async function pollingRound(
  dataSource: DataSource,
  gateway: string,
): Promise<{
  pollsPerSecond: number;
  tuskCpuMsPerPoll: number;
  postgresCpuMsPerPoll: number;
}> {
  const poller = new NodeHealthPoller(dataSource, new NodeHealthClient({ timeoutMs: 5000, gateway }), {
    pollMs: BENCH_POLL_MS,
    concurrency: 16,
    candidatePollMs: BENCH_POLL_MS * 5,
  });
  const tracker = new AvailabilityTracker(dataSource, {
    freshnessMs: 3 * BENCH_POLL_MS,
    writesAtRiskMarginShards: 50,
    retentionMs: 90 * 86_400_000,
    webhookUrls: [],
    auditSettleMs: 2 * BENCH_POLL_MS,
  });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const pg = postgresCpuSeconds();
  let polls = 0;
  while (performance.now() - started < ROUND_MS) {
    polls += await poller.pollDue(new Date());
    await tracker.track(new Date());
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    pollsPerSecond: polls / seconds,
    tuskCpuMsPerPoll: (used.user + used.system) / 1000 / polls,
    postgresCpuMsPerPoll: ((postgresCpuSeconds() - pg) * 1000) / polls,
  };
}

/** A health answer for the month's model: `ready` of `owned` shards ready, the rest in transfer. */
function report(epoch: number, owned: number, ready: number, status = 'Active'): NodeHealthReport {
  return {
    epoch,
    nodeStatus: status,
    owned,
    counts: { unknown: 0, ready, inTransfer: owned - ready, inRecovery: 0, readOnly: 0 },
    shards: new Map(),
  };
}

/**
 * Every node's poll at `at` in one statement: the month's input. (The poller stores polls one by
 * one; here the input is not what is measured, the history the tracker makes of it is.)
 */
async function recordPolls(
  dataSource: DataSource,
  at: Date,
  polls: readonly { nodeId: string; report: NodeHealthReport | undefined }[],
): Promise<void> {
  await dataSource.query(
    `INSERT INTO node_health (node_id, checked_at, reachable, error, last_ok_at, epoch, node_status, shard_counts,
       owned_shards, consecutive_failures, circuit, next_poll_at)
     SELECT t.node_id, $1, t.epoch IS NOT NULL, CASE WHEN t.epoch IS NULL THEN 'no answer within 5000 ms' END,
       CASE WHEN t.epoch IS NOT NULL THEN $1::timestamptz END, t.epoch, t.status, t.counts::jsonb, t.owned,
       CASE WHEN t.epoch IS NULL THEN 1 ELSE 0 END, 'closed', $1
     FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::int[]) AS t(node_id, epoch, status, counts, owned)
     ON CONFLICT (node_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, reachable = EXCLUDED.reachable,
       error = EXCLUDED.error, last_ok_at = COALESCE(EXCLUDED.last_ok_at, node_health.last_ok_at),
       epoch = COALESCE(EXCLUDED.epoch, node_health.epoch),
       node_status = COALESCE(EXCLUDED.node_status, node_health.node_status),
       shard_counts = COALESCE(EXCLUDED.shard_counts, node_health.shard_counts),
       owned_shards = COALESCE(EXCLUDED.owned_shards, node_health.owned_shards)`,
    [
      at,
      polls.map((poll) => poll.nodeId),
      polls.map((poll) => poll.report?.epoch ?? null),
      polls.map((poll) => poll.report?.nodeStatus ?? null),
      polls.map((poll) => (poll.report === undefined ? null : JSON.stringify(poll.report.counts))),
      polls.map((poll) => poll.report?.owned ?? null),
    ],
  );
}

/**
 * A month of mainnet on a virtual clock, through the tracker: two epoch changes, after each a
 * third of the nodes gain shards that become ready one by one over hours; each node down twice
 * for 5 to 30 minutes; and between those, polls that find nothing new (one round every 10 minutes
 * stands for the twenty a 30-second pace makes: they only move the stretches' last-seen time).
 * Seeded, so every run writes the same.
 */
async function monthOfHistory(
  dataSource: DataSource,
): Promise<{ rows: Record<string, number>; bytes: Record<string, number>; rounds: number }> {
  const freshnessMs = 2 * (MAINNET_POLL_MS + 5000) + MAINNET_POLL_MS;
  const tracker = new AvailabilityTracker(dataSource, {
    freshnessMs,
    writesAtRiskMarginShards: 50,
    retentionMs: 90 * 86_400_000,
    webhookUrls: [],
    auditSettleMs: 60_000,
  });
  let seed = 7;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const start = Date.UTC(2026, 9, 1);
  const month = 30 * 86_400_000;
  const members = committee();
  const outages = members.map(() =>
    [0, 1].map(() => {
      const at = start + Math.floor(random() * (month - 3_600_000));
      return { from: at, to: at + (5 + Math.floor(random() * 25)) * 60_000 };
    }),
  );
  const epochChanges = [start + 10 * 86_400_000, start + 24 * 86_400_000];
  const gains = epochChanges.map((at) =>
    members.map(() => ({
      at,
      gained: random() < 1 / 3 ? 1 + Math.floor(random() * 6) : 0,
      readyEveryMs: (20 + Math.floor(random() * 100)) * 60_000,
    })),
  );
  // The moments something changes (and a poll just after), and the quiet rounds between.
  const moments = new Set<number>();
  const onPoll = (ms: number) => start + Math.ceil((ms - start) / MAINNET_POLL_MS) * MAINNET_POLL_MS;
  for (let ms = start; ms < start + month; ms += 10 * 60_000) {
    moments.add(ms);
  }
  for (const outage of outages.flat()) {
    for (const ms of [outage.from, outage.from + freshnessMs, outage.to]) {
      moments.add(onPoll(ms));
      moments.add(onPoll(ms) + MAINNET_POLL_MS);
    }
  }
  for (const [change, at] of epochChanges.entries()) {
    moments.add(onPoll(at));
    for (const gain of gains[change] ?? []) {
      for (let shard = 1; shard <= gain.gained; shard++) {
        moments.add(onPoll(gain.at + shard * gain.readyEveryMs));
      }
    }
  }
  let epoch = 1;
  const sorted = [...moments].filter((ms) => ms < start + month).sort((a, b) => a - b);
  for (const now of sorted) {
    const changes = epochChanges.filter((at) => at <= now).length;
    if (changes + 1 > epoch) {
      epoch = changes + 1;
      await dataSource.query(
        `INSERT INTO staking_state (epoch, version, checkpoint, updated_at, n_shards, epoch_duration_ms,
           first_epoch_start_ms, epoch_state, next_committee_selected)
         VALUES ($1::int, $1::bigint, 0, $2, ${SHARDS}, 1209600000, 0, 'EpochChangeDone', false)`,
        [epoch, new Date(now)],
      );
      await dataSource.query(
        `INSERT INTO committee_member (epoch, node_id, position, shards, shard_count, checkpoint)
         SELECT $1, node_id, position, shards, shard_count, 0 FROM committee_member WHERE epoch = $1 - 1`,
        [epoch],
      );
    }
    const latestGains = changes === 0 ? undefined : gains[changes - 1];
    await recordPolls(
      dataSource,
      new Date(now),
      members.map((member, index) => {
        const down = outages[index]?.some((outage) => now >= outage.from && now < outage.to) ?? false;
        const gain = latestGains?.[index];
        const pending =
          gain === undefined ? 0 : Math.max(0, gain.gained - Math.floor((now - gain.at) / gain.readyEveryMs));
        const owned = member.shards.length;
        return { nodeId: member.nodeId, report: down ? undefined : report(epoch, owned, owned - pending) };
      }),
    );
    await tracker.track(new Date(now));
  }
  await dataSource.query('VACUUM ANALYZE');
  const tables = ['node_health_interval', 'availability_interval', 'node_incident', 'attestation_audit'];
  const rows: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  for (const table of tables) {
    const [result] = await dataSource.query<{ rows: string; bytes: string }[]>(
      `SELECT count(*) AS rows, pg_total_relation_size('${table}') AS bytes FROM ${table}`,
    );
    rows[table] = Number(result?.rows ?? 0);
    bytes[table] = Number(result?.bytes ?? 0);
  }
  return { rows, bytes, rounds: sorted.length };
}

async function database(adminUrl: string, name: string): Promise<DataSource> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dataSource = createStoreDataSource(url.toString());
  await dataSource.initialize();
  return dataSource;
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'tusk-bench-'));
  const postgres = new EmbeddedPostgresServer({ dataDir: join(scratch, 'data'), port: 0, ephemeral: true });
  const adminUrl = await postgres.start();
  let child: ChildProcess | undefined;
  try {
    child = fork(__filename, [NODES_ARGUMENT], { stdio: 'inherit' });
    const gateway = await new Promise<string>((resolve) => {
      child?.once('message', (message: { url: string }) => {
        resolve(message.url);
      });
    });
    const polling = await database(adminUrl, 'bench_polling');
    await seed(polling);
    const rounds = [];
    for (let round = 0; round < ROUNDS; round++) {
      rounds.push(await pollingRound(polling, gateway));
    }
    await polling.destroy();
    const perSecond = (perPoll: number) => (perPoll * NODES * 1000) / MAINNET_POLL_MS;
    console.log(
      `polling ${NODES} nodes every ${BENCH_POLL_MS} ms, ${ROUNDS} rounds of ${ROUND_MS / 1000} s (median (least–greatest)):`,
    );
    console.log(
      `  polls/s: ${spread(
        rounds.map((r) => r.pollsPerSecond),
        1,
        '',
      )} (due: ${NODES * (1000 / BENCH_POLL_MS)})`,
    );
    console.log(
      `  Tusk CPU per poll (HTTP, parse, store, verdict): ${spread(
        rounds.map((r) => r.tuskCpuMsPerPoll),
        3,
        ' ms',
      )}`,
    );
    console.log(
      `  PostgreSQL CPU per poll: ${spread(
        rounds.map((r) => r.postgresCpuMsPerPoll),
        3,
        ' ms',
      )}`,
    );
    console.log(
      `  at mainnet's pace (every ${MAINNET_POLL_MS / 1000} s: ${(NODES * 1000) / MAINNET_POLL_MS} polls/s): ` +
        `Tusk ${spread(
          rounds.map((r) => perSecond(r.tuskCpuMsPerPoll) / 10),
          3,
          '%',
        )} of a core, ` +
        `PostgreSQL ${spread(
          rounds.map((r) => perSecond(r.postgresCpuMsPerPoll) / 10),
          3,
          '%',
        )}`,
    );

    const history = await database(adminUrl, 'bench_history');
    await seed(history);
    const started = performance.now();
    const month = await monthOfHistory(history);
    await history.destroy();
    const total = Object.values(month.bytes).reduce((sum, size) => sum + size, 0);
    console.log(
      `a month of history for ${NODES} nodes (written in ${((performance.now() - started) / 1000).toFixed(0)} s):`,
    );
    for (const [table, rows] of Object.entries(month.rows)) {
      console.log(
        `  ${table}: ${rows} rows, ${((month.bytes[table] ?? 0) / 1024).toFixed(0)} KiB with indexes`,
      );
    }
    console.log(`  total: ${(total / 1024 / 1024).toFixed(2)} MiB`);
  } finally {
    child?.kill();
    await postgres.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (process.argv.includes(NODES_ARGUMENT)) {
  void serveNodes();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
