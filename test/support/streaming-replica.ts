import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  chownSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
  appendFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { binaryDirectory } from 'src/database/embedded-postgres.server';
import { findFreePort } from 'src/database/free-port';

export interface StreamingReplica {
  /** `primaryUrl` with the replica's port: the same database, read from the replica. */
  readonly url: string;
  stop(): Promise<void>;
}

/** What a base backup leaves out: the server's own run state, WAL (streamed instead) and slots. */
const NOT_COPIED = new Set(['postmaster.pid', 'postmaster.opts']);
const EMPTIED = new Set(['pg_wal', 'pg_replslot']);

/**
 * A real PostgreSQL streaming replica of the primary behind `primaryUrl`, from the same binaries:
 * a base backup taken with `pg_backup_start`/`pg_backup_stop` and a file copy (the embedded
 * binaries have no `pg_basebackup`), a physical replication slot holding the WAL it needs, and
 * `standby.signal` with `primary_conninfo`. Resolves once it accepts read-only connections.
 */
export async function startStreamingReplica(primaryUrl: string): Promise<StreamingReplica> {
  const primary = new URL(primaryUrl);
  const slot = `tusk_replica_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: primaryUrl });
  await admin.connect();
  const directory = mkdtempSync(join(tmpdir(), 'tusk-replica-'));
  const dataDir = join(directory, 'data');
  try {
    const dataDirectory = (await admin.query<{ data_directory: string }>('SHOW data_directory')).rows[0]
      ?.data_directory;
    if (dataDirectory === undefined) {
      throw new Error('the primary did not say where its data directory is');
    }
    await admin.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    await admin.query(`SELECT pg_backup_start('tusk test replica', true)`);
    cpSync(dataDirectory, dataDir, {
      recursive: true,
      filter: (source) => {
        const relative = source.slice(dataDirectory.length + 1);
        const [top, ...rest] = relative.split('/');
        return !NOT_COPIED.has(relative) && !(top !== undefined && EMPTIED.has(top) && rest.length > 0);
      },
    });
    const stopped = await admin.query<{ labelfile: string; spcmapfile: string }>(
      'SELECT labelfile, spcmapfile FROM pg_backup_stop(true)',
    );
    writeFileSync(join(dataDir, 'backup_label'), stopped.rows[0]?.labelfile ?? '');
    if ((stopped.rows[0]?.spcmapfile ?? '') !== '') {
      writeFileSync(join(dataDir, 'tablespace_map'), stopped.rows[0]?.spcmapfile ?? '');
    }
    mkdirSync(join(dataDir, 'pg_wal', 'archive_status'), { recursive: true });
    writeFileSync(join(dataDir, 'standby.signal'), '');
    const port = await findFreePort();
    const password = decodeURIComponent(primary.password);
    appendFileSync(
      join(dataDir, 'postgresql.auto.conf'),
      [
        `primary_conninfo = 'host=${primary.hostname} port=${primary.port} user=${decodeURIComponent(primary.username)} password=${password}'`,
        `primary_slot_name = '${slot}'`,
        `port = ${port}`,
        `hot_standby = on`,
        '',
      ].join('\n'),
    );
    const owner = runAsPostgres();
    if (owner !== undefined) {
      chownTree(directory, owner);
    }
    const server = spawn(join(binaryDirectory(), 'bin', 'postgres'), ['-D', dataDir], {
      ...(owner ?? {}),
      stdio: 'ignore',
    });
    const url = new URL(primaryUrl);
    url.port = String(port);
    await waitUntilReadable(url.toString(), server);
    return {
      url: url.toString(),
      stop: async () => {
        await stopServer(server);
        await admin.query('SELECT pg_drop_replication_slot($1)', [slot]).catch(() => undefined);
        await admin.end();
        rmSync(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await admin.query('SELECT pg_backup_stop(true)').catch(() => undefined);
    await admin.query('SELECT pg_drop_replication_slot($1)', [slot]).catch(() => undefined);
    await admin.end();
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}

/** PostgreSQL refuses to run as root: then it runs as `postgres`, as the embedded primary does. */
function runAsPostgres(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) {
    return undefined;
  }
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function chownTree(path: string, owner: { uid: number; gid: number }): void {
  chownSync(path, owner.uid, owner.gid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      chownTree(child, owner);
    } else {
      chownSync(child, owner.uid, owner.gid);
    }
  }
}

async function waitUntilReadable(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) {
      throw new Error(`the replica exited with code ${server.exitCode} before accepting connections`);
    }
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      const { rows } = await client.query<{ recovery: boolean }>('SELECT pg_is_in_recovery() AS recovery');
      if (rows[0]?.recovery === true) {
        return;
      }
    } catch {
      // Still starting up.
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline) {
      throw new Error('the replica did not accept connections within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stopServer(server: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (server.exitCode !== null || server.signalCode !== null) {
      resolve();
      return;
    }
    server.once('exit', () => {
      resolve();
    });
    // Fast shutdown.
    server.kill('SIGINT');
  });
}
