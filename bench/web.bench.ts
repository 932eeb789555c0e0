/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { spread } from 'bench/statistics';
import { findFreePort } from 'src/database/free-port';

/**
 * How fast the web page reaches a person, on the local network: Tusk started as `npm start` starts
 * it (its own process, an embedded PostgreSQL, the simulated network), Debian's chromium, a cold
 * cache for every load. For each view: first contentful paint, the time until its data shows,
 * the bytes transferred (compressed, as sent), and the depth of its request waterfall (the document
 * is round trip 1, its scripts and styles 2, the view's own queries 3).
 * Usage: npm run bench:web [-- runs]   (BENCH_CHROMIUM names another browser binary)
 */

const RUNS = Number(process.argv[2] ?? 7);

interface Load {
  fcpMs: number;
  dataMs: number;
  bytes: number;
  depth: number;
  requests: number;
}

async function startTusk(): Promise<{ origin: string; child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tusk-web-bench-'));
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [join(__dirname, '..', '..', 'bin', 'tusk.js'), 'start', '--port', String(port)],
    {
      env: { ...process.env, TUSK_DATA_DIR: dataDir, DEVNET_EPOCH_DURATION_MS: '20000' },
      stdio: 'ignore',
    },
  );
  const origin = `http://127.0.0.1:${port}`;
  // Ready once two epochs are indexed: every view then has data to show.
  const deadline = Date.now() + 180_000;
  for (;;) {
    const epoch = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _meta { epoch } }' }),
    })
      .then(
        async (response) => ((await response.json()) as { data?: { _meta: { epoch: number | null } } }).data,
      )
      .catch(() => undefined);
    if ((epoch?._meta.epoch ?? 0) >= 2) {
      return { origin, child, dataDir };
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error('Tusk did not index two epochs within three minutes');
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function firstIds(origin: string): Promise<{ nodeId: string; address: string }> {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        '{ operators(first: 1) { edges { node { nodeId delegators(first: 1, orderBy: PRINCIPAL) { edges { node { address } } } } } } }',
    }),
  });
  const body = (await response.json()) as {
    data: {
      operators: {
        edges: { node: { nodeId: string; delegators: { edges: { node: { address: string } }[] } } }[];
      };
    };
  };
  const node = body.data.operators.edges[0]?.node;
  return { nodeId: node?.nodeId ?? '', address: node?.delegators.edges[0]?.node.address ?? '' };
}

async function main(): Promise<void> {
  const { origin, child, dataDir } = await startTusk();
  const browser = await chromium.launch({
    executablePath: process.env['BENCH_CHROMIUM'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-3d-apis', '--disable-dev-shm-usage'],
  });
  try {
    const { nodeId, address } = await firstIds(origin);
    const views: [string, string, string][] = [
      ['network & operators', '/', '[data-testid=operators] tbody tr'],
      ['operator', `/operators/${nodeId}`, '.chart canvas'],
      ['simulator', `/simulate?node=${nodeId}&amount=1000`, '[data-testid=simulation]'],
      ['positions', `/positions/${address}`, '[data-testid=positions]'],
      ['next committee', '/next', '[data-testid=next-committee] tbody tr'],
    ];
    console.log(`web page on the local network, ${RUNS} cold loads per view (median (least–greatest))`);
    for (const [name, path, dataSelector] of views) {
      const loads: Load[] = [];
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${origin}${path}`);
        await page.locator(dataSelector).first().waitFor({ timeout: 60_000 });
        const dataMs = await page.evaluate(() => performance.now());
        loads.push({ ...(await page.evaluate(measure)), dataMs });
        await context.close();
      }
      const of = (pick: (load: Load) => number, digits: number, unit: string) =>
        spread(loads.map(pick), digits, unit);
      console.log(
        `  ${name.padEnd(20)} FCP ${of((load) => load.fcpMs, 0, ' ms')} · data shown ${of((load) => load.dataMs, 0, ' ms')} · ` +
          `transferred ${of((load) => load.bytes / 1024, 1, ' KiB')} in ${of((load) => load.requests, 0, '')} requests · ` +
          `waterfall ${of((load) => load.depth, 0, '')} round trips`,
      );
    }
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Runs in the page: paint and resource timings. A request is one round trip deeper than the
 * deepest request that had finished when it started.
 */
function measure(): Omit<Load, 'dataMs'> {
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
  const timed = [
    { start: navigation.startTime, end: navigation.responseEnd, depth: 1 },
    ...resources.map((entry) => ({ start: entry.startTime, end: entry.responseEnd, depth: 0 })),
  ].sort((a, b) => a.start - b.start);
  for (const entry of timed.slice(1)) {
    entry.depth =
      1 +
      Math.max(
        0,
        ...timed.filter((other) => other !== entry && other.end <= entry.start).map((other) => other.depth),
      );
  }
  return {
    fcpMs: fcp,
    bytes: navigation.transferSize + resources.reduce((sum, entry) => sum + entry.transferSize, 0),
    depth: Math.max(...timed.map((entry) => entry.depth)),
    requests: timed.length,
  };
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
