import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { limitHeapGrowth } from 'src/boot/heap-growth';
import { envSchema } from 'src/config/app-config';
import { Devnet } from 'src/devnet/devnet';
import { loadScenario } from 'src/devnet/scenario';

/**
 * The local network's memory over a simulated week at the defaults of `npm start` (steady-state,
 * 30 s epochs, a checkpoint every 300 ms, 20 000 checkpoints retained, objects that left the window
 * on disk, here under the system's temporary directory, and the heap growth of the indexing
 * process it runs in, `TUSK_INDEXER_HEAP_GROWTH_PERCENT`), in virtual time: RSS and heap after each
 * simulated day (after a collection when run with --expose-gc), beside what the ledger retains and
 * holds on disk. `BENCH_DAYS` shortens or lengthens the run; `BENCH_RETAINED=all` keeps every
 * checkpoint and `BENCH_COLD=memory` keeps every object in memory, for comparison.
 */

const DAY_MS = 86_400_000;
const DEFAULT_RETAINED = 20_000;

async function main(): Promise<void> {
  const days = Number(process.env.BENCH_DAYS ?? 7);
  const heapGrowthPercent = envSchema.shape.TUSK_INDEXER_HEAP_GROWTH_PERCENT.parse(
    process.env.TUSK_INDEXER_HEAP_GROWTH_PERCENT,
  );
  limitHeapGrowth(heapGrowthPercent);
  const retainedSetting = process.env.BENCH_RETAINED ?? String(DEFAULT_RETAINED);
  const retainedCheckpoints = retainedSetting === 'all' ? undefined : Number(retainedSetting);
  const devnet = new Devnet({
    scenario: loadScenario('steady-state'),
    seed: 1,
    epochDurationMs: 30_000,
    genesisTimeMs: Date.UTC(2026, 0, 1),
    retainedCheckpoints,
    coldObjectsDirectory: process.env.BENCH_COLD === 'memory' ? undefined : tmpdir(),
  });
  const ticksPerDay = DAY_MS / devnet.checkpointIntervalMs;
  const collect = (globalThis as { gc?: () => void }).gc;
  console.log(
    `devnet for ${days} simulated days: a checkpoint every ${devnet.checkpointIntervalMs} ms, ` +
      `${retainedCheckpoints === undefined ? 'every checkpoint' : `${retainedCheckpoints} checkpoints`} retained, ` +
      `heap growth ${heapGrowthPercent}%` +
      (collect === undefined ? ' (run with --expose-gc for heap after collection)' : ''),
  );
  const started = performance.now();
  const daily: { heapUsed: number; rss: number }[] = [];
  for (let day = 1; day <= days; day++) {
    for (let tick = 0; tick < ticksPerDay; tick++) {
      devnet.tick();
    }
    collect?.();
    const memory = process.memoryUsage();
    console.log(
      `  day ${day}: epoch ${devnet.network.epoch}, tip ${devnet.ledger.tip}, ` +
        `${devnet.ledger.checkpoints.length} checkpoints and ${devnet.ledger.events.length} events retained, ` +
        `${devnet.ledger.coldObjects} objects on disk (${(devnet.ledger.coldStoreBytes / 1e6).toFixed(0)} MB), ` +
        `RSS ${mb(memory.rss)} MB (${residentSplit()}), heap used ${mb(memory.heapUsed)} of ${mb(memory.heapTotal)} MB, ` +
        `array buffers ${mb(memory.arrayBuffers)} MB (${((performance.now() - started) / 1000).toFixed(0)} s)`,
    );
    daily.push({ heapUsed: memory.heapUsed, rss: memory.rss });
  }
  const first = daily[0];
  const last = daily[daily.length - 1];
  if (first !== undefined && last !== undefined && daily.length > 1) {
    const perDay = (from: number, to: number): string => ((to - from) / 1e6 / (daily.length - 1)).toFixed(1);
    console.log(
      `from day 1 to day ${daily.length}: heap used ${perDay(first.heapUsed, last.heapUsed)} MB a day, ` +
        `RSS ${perDay(first.rss, last.rss)} MB a day`,
    );
  }
  await devnet.close();
}

/**
 * RSS as anonymous memory (the process's own) and file pages (the program's code and the object
 * store's file, mapped by LMDB: clean pages the kernel takes back when memory is short), on Linux.
 */
function residentSplit(): string {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return `anonymous ${mb(kb('RssAnon') * 1024)} MB, file ${mb(kb('RssFile') * 1024)} MB`;
  } catch {
    return 'no split on this system';
  }
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(0);
}

void main();
