import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { getPriority, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from 'src/database/free-port';

const ROOT = join(__dirname, '..', '..');
const BINARY = join(ROOT, 'bin', 'tusk.js');

async function waitForHealth(port: number, child: ChildProcess, output: () => string): Promise<unknown> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`tusk start exited with ${child.exitCode}: ${output()}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      if (response.ok) {
        return await response.json();
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`tusk start did not become healthy: ${output()}`);
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
    });
  });
}

function postmasterRunning(dataDir: string): boolean {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) {
    return false;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('tusk start', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'tusk-start-'));
  const dataDir = join(workDir, '.tusk', 'postgres');

  afterAll(() => {
    rmSync(workDir, { recursive: true, force: true });
  });

  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'src', 'cli.js'))) {
      throw new Error('build the project (npm run build) before the start-command test');
    }
  });

  async function meta(port: number): Promise<{ network: string; checkpoint: string | null }> {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ _meta { network checkpoint } }' }),
    });
    const body = (await response.json()) as {
      data: { _meta: { network: string; checkpoint: string | null } };
    };
    return body.data._meta;
  }

  /** Polls `_meta` until its checkpoint passes `after`. */
  async function metaPast(port: number, after: bigint): Promise<bigint> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { network, checkpoint } = await meta(port);
      expect(network).toBe('local');
      if (checkpoint !== null && BigInt(checkpoint) > after) {
        return BigInt(checkpoint);
      }
      if (Date.now() > deadline) {
        throw new Error(`_meta stayed at checkpoint ${String(checkpoint)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** `tusk start` in the work directory on a free port, on its embedded PostgreSQL, output kept. */
  async function startTusk() {
    const port = await findFreePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port) };
    delete env.DATABASE_URL;
    const child = spawn('node', [BINARY, 'start'], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { port, child, output: () => text, ended: exited(child) };
  }

  async function startOnce(signal: NodeJS.Signals): Promise<unknown> {
    const { port, child, output, ended } = await startTusk();
    try {
      const health = await waitForHealth(port, child, output);
      expect(postmasterRunning(dataDir)).toBe(true);
      // The indexer follows the local network: _meta moves on.
      const first = await metaPast(port, -1n);
      await metaPast(port, first);
      child.kill(signal);
      const { code, signal: bySignal } = await ended;
      expect(code === 0 || bySignal === signal).toBe(true);
      expect(postmasterRunning(dataDir)).toBe(false);
      return health;
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  }

  it('starts its own PostgreSQL in ./.tusk, indexes the local network, serves /health and GraphQL, and stops cleanly on Ctrl-C', async () => {
    const health = await startOnce('SIGINT');
    expect(health).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, chain: { status: 'up' } },
    });
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
  });

  it('refuses a bad port with exit 2 and one line, starting nothing', () => {
    const result = spawnSync('node', [BINARY, 'start', '--port', 'http'], { cwd: workDir });
    expect(result.status).toBe(2);
    expect(result.stderr.toString()).toMatch(/^tusk: invalid configuration: PORT: .*\n$/);
  });

  it('stops its PostgreSQL again when the HTTP port is taken', async () => {
    const blocker = createServer();
    const port = await findFreePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const result = spawnSync('node', [BINARY, 'start', '--port', String(port)], {
        cwd: workDir,
        timeout: 45_000,
      });
      expect(result.status).toBe(1);
      expect(result.stderr.toString()).toMatch(/EADDRINUSE/);
      expect(postmasterRunning(dataDir)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('starts again on the data it kept, and stops on SIGTERM', async () => {
    const health = await startOnce('SIGTERM');
    expect(health).toMatchObject({ status: 'ok' });
  });

  it('runs the API in a process of its own, answering for both, and starts it again when it dies', async () => {
    const { port, child, output, ended } = await startTusk();
    const apiProcess = (): number | undefined => {
      const listing = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)]).stdout.toString();
      const line = listing.split('\n').find((entry) => entry.includes('--role api'));
      return line === undefined ? undefined : Number(line.trim().split(/\s+/)[0]);
    };
    try {
      await waitForHealth(port, child, output);
      const first = apiProcess();
      expect(first).toBeDefined();
      // One scrape carries both processes' metrics, under names that do not collide.
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('tusk_indexer_checkpoints_total');
      expect(metrics).toContain('tusk_api_refusals_total');
      expect(metrics).toContain('tusk_api_process_resident_memory_bytes');
      const families = metrics.split('\n').filter((line) => line.startsWith('# TYPE '));
      expect(new Set(families).size).toBe(families.length);

      process.kill(first ?? 0, 'SIGKILL');
      const deadline = Date.now() + 60_000;
      for (;;) {
        const again = apiProcess();
        if (again !== undefined && again !== first) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(`the API process was not started again: ${output()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await waitForHealth(port, child, output);
      expect(output()).toContain('the API process stopped');
      child.kill('SIGTERM');
      const { code, signal } = await ended;
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(apiProcess()).toBeUndefined();
      expect(postmasterRunning(dataDir)).toBe(false);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  }, 120_000);

  it('forwards costly queries to a process of their own at a lower CPU priority, and serves them while it starts again', async () => {
    const { port, child, output, ended } = await startTusk();
    /**
     * The children of `parent` as pid and niceness, by a word of their command line (the niceness
     * read from the system: `ps` shows none for a process under SCHED_IDLE).
     */
    const childrenOf = (parent: number | undefined, word: string): { pid: number; nice: number }[] =>
      spawnSync('ps', ['-o', 'pid=,args=', '--ppid', String(parent)])
        .stdout.toString()
        .split('\n')
        .filter((line) => line.includes(word))
        .map((line) => Number(line.trim().split(/\s+/)[0]))
        .map((pid) => ({ pid, nice: getPriority(pid) }));
    const costlyProcess = () => {
      const [api] = childrenOf(child.pid, '--role api');
      return { api, costly: childrenOf(api?.pid, '--role api')[0] };
    };
    const forwarded = async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(
        /^tusk_api_costly_queries_forwarded_total\{outcome="answered"\} (\S+)$/m.exec(metrics)?.[1] ?? 0,
      );
    };
    // Costly by its price (50 operators, each with 100 epochs of history), whatever the network holds.
    const costly = async (alias: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `{ ${alias}: operators(first: 50) { edges { node { nodeId history(last: 100) { epoch stake shards } } } } }`,
        }),
      });
      const body = (await response.json()) as {
        data?: Record<string, { edges: unknown[] }>;
        extensions?: { cost?: { requested: number } };
      };
      expect(response.status).toBe(200);
      expect(body.data?.[alias]?.edges.length).toBeGreaterThan(0);
      return body.extensions?.cost?.requested ?? 0;
    };
    const until = async <T>(
      what: string,
      probe: () => Promise<T | undefined> | T | undefined,
    ): Promise<T> => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const value = await probe();
        if (value !== undefined) {
          return value;
        }
        if (Date.now() > deadline) {
          throw new Error(`${what}: ${output()}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    try {
      await waitForHealth(port, child, output);
      const servings = () => output().split('serving costly queries').length - 1;
      await until('no costly-query process served', () => (servings() === 1 ? true : undefined));
      const first = costlyProcess().costly;
      expect(first).toBeDefined();
      expect(first?.nice).toBe((costlyProcess().api?.nice ?? 0) + 10);
      // Every thread of it: on Linux a priority is a thread's own.
      const threadPriorities = readdirSync(`/proc/${first?.pid}/task`).map((thread) =>
        getPriority(Number(thread)),
      );
      expect(threadPriorities.length).toBeGreaterThan(1);
      expect(new Set(threadPriorities)).toEqual(new Set([first?.nice]));
      // And under SCHED_IDLE (`TUSK_COSTLY_QUERY_PRIORITY=idle`, the default), every thread of it too:
      // set by util-linux's chrt, which runs apart.
      const underIdle = (pid: number | undefined) =>
        until(`the costly-query process ${pid} is not all under SCHED_IDLE`, () => {
          const classes = spawnSync('ps', ['-L', '-o', 'cls=', '-p', String(pid)])
            .stdout.toString()
            .trim();
          return classes !== '' && classes.split(/\s+/).every((cls) => cls === 'IDL') ? true : undefined;
        });
      await underIdle(first?.pid);

      const before = await forwarded();
      expect(await costly('first')).toBeGreaterThanOrEqual(10_000);
      expect(await forwarded()).toBe(before + 1);

      // Killed, it is started again; meanwhile its queries are answered by the API process.
      process.kill(first?.pid ?? 0, 'SIGKILL');
      await costly('meanwhile');
      const again = await until('the costly-query process was not started again', () => {
        const next = costlyProcess().costly;
        return next !== undefined && next.pid !== first?.pid && servings() === 2 ? next : undefined;
      });
      expect(again.nice).toBe(first?.nice);
      await underIdle(again.pid);
      expect(output()).toContain('the costly-query process stopped');
      const count = await forwarded();
      await costly('again');
      expect(await forwarded()).toBe(count + 1);

      child.kill('SIGTERM');
      const { code, signal } = await ended;
      expect(code === 0 || signal === 'SIGTERM').toBe(true);
      expect(spawnSync('ps', ['-p', String(again.pid)]).status).not.toBe(0);
    } finally {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
      }
    }
  }, 180_000);
});
