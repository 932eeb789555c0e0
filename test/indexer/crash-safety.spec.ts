import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { seededRandom } from 'src/devnet/seeded-random';
import type { Devnet } from 'src/devnet/devnet';
import {
  buildDevnet,
  createTestDatabase,
  dumpTables,
  indexerConfig,
  indexUntil,
  query,
  serveDevnet,
  waitForWatermarks,
  type ServedDevnet,
} from 'test/support/indexer-harness';

const BINARY = join(__dirname, '..', '..', 'bin', 'tusk.js');
const KILLS = 20;

function startIndexer(databaseUrl: string, served: ServedDevnet): ChildProcess {
  return spawn(process.execPath, [BINARY, 'start', '--role', 'indexer'], {
    env: {
      ...process.env,
      ...served.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      // One checkpoint per commit: thousands of commits, so the kills land between and inside them.
      TUSK_INDEXER_BATCH_SIZE: '1',
      TUSK_STANDBY_POLL_MS: '100',
    },
    stdio: 'ignore',
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => {
      resolve();
    });
  });
}

async function lowestWatermark(databaseUrl: string): Promise<bigint> {
  const rows = await query<{ low: string | null }>(
    databaseUrl,
    'SELECT min(checkpoint_hi_inclusive) AS low FROM pipeline_watermark',
  ).catch(() => []);
  return BigInt(rows[0]?.low ?? -1);
}

describe('crash safety', () => {
  let devnet: Devnet;
  let served: ServedDevnet;
  let reference: Record<string, unknown[]>;

  beforeAll(async () => {
    // A long history (about 6 000 checkpoints), replayed one checkpoint per commit below.
    devnet = buildDevnet('whale-unstake', 5, 60);
    served = await serveDevnet(devnet);
    const databaseUrl = await createTestDatabase();
    const app: INestApplication = await indexUntil(indexerConfig(databaseUrl, served), devnet.ledger.tip);
    await app.close();
    reference = await dumpTables(databaseUrl);
  }, 60_000);

  afterAll(async () => {
    await served.server.close();
  });

  it(`ends with the same rows as an uninterrupted run after ${KILLS} kill -9s during the replay`, async () => {
    const databaseUrl = await createTestDatabase();
    const random = seededRandom(42);
    const tip = devnet.ledger.tip;
    const progress: bigint[] = [];
    let last = -1n;
    for (let kill = 0; kill < KILLS; kill++) {
      const child = startIndexer(databaseUrl, served);
      if (kill % 2 === 0) {
        // Boot takes about a second: anywhere from mid-boot to early in the replay.
        await new Promise((resolve) => setTimeout(resolve, 300 + Math.floor(random() * 1200)));
      } else {
        // Mid-replay whatever the machine's load: once this run has committed, at a random moment.
        const deadline = Date.now() + 20_000;
        while ((await lowestWatermark(databaseUrl)) <= last && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 300)));
      }
      child.kill('SIGKILL');
      await exited(child);
      last = await lowestWatermark(databaseUrl);
      progress.push(last);
    }
    const child = startIndexer(databaseUrl, served);
    try {
      await waitForWatermarks(databaseUrl, tip, 30_000);
    } finally {
      child.kill('SIGKILL');
      await exited(child);
    }
    // The kills interrupted a replay in progress, not an idle indexer.
    const midReplay = progress.filter((checkpoint) => checkpoint < tip).length;
    expect(midReplay).toBeGreaterThanOrEqual(10);
    expect(new Set(progress).size).toBeGreaterThan(5);
    expect(await dumpTables(databaseUrl)).toEqual(reference);
    // Generous: on a loaded machine the last replay alone can take minutes (it is bounded by progress).
  }, 900_000);

  it('reaches the same rows through a flaky full node (errors, delays, cut streams, duplicate frames)', async () => {
    const databaseUrl = await createTestDatabase();
    served.server.injectFaults({
      errorRate: 0.2,
      delayMs: 2,
      dropStreamRate: 0.4,
      duplicateRate: 0.3,
      random: seededRandom(7),
    });
    try {
      const app = await indexUntil(
        indexerConfig(databaseUrl, served, { TUSK_INDEXER_BATCH_SIZE: '50' }),
        devnet.ledger.tip,
        120_000,
      );
      await app.close();
    } finally {
      served.server.injectFaults(undefined);
    }
    expect(await dumpTables(databaseUrl)).toEqual(reference);
  }, 150_000);
});
