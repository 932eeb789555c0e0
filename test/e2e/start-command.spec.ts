import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
});
