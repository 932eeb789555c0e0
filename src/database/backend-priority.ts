import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { Logger } from '@nestjs/common';
import { parse } from 'pg-connection-string';
import type { DataSource } from 'typeorm';

/** What node-postgres tells of a connection: its server process. */
interface PoolClient {
  readonly processID: number | null;
}

interface Pool {
  on(event: 'acquire', listener: (client: PoolClient) => void): void;
}

/**
 * Runs the PostgreSQL backends of `dataSource`'s connections at this process's CPU priority, when
 * PostgreSQL runs on this machine: a process running at a lower priority (the costly-query process)
 * then also asks less of the database's share of the cores, as its own SQL is most of its work.
 * Each connection is set once, when first handed out. The backend is known by the process ID the
 * server gave the connection; it is touched only if the server is on loopback or a Unix socket and
 * the process is a `postgres` one. Where that cannot be done (another machine, or a server run by
 * another user) it is said once and left.
 */
export function matchBackendPriority(dataSource: DataSource, url: string, priority = getPriority()): void {
  const logger = new Logger('Database');
  if (!isOnThisMachine(url)) {
    logger.warn('PostgreSQL is not on this machine: its backends keep their own CPU priority');
    return;
  }
  const done = new WeakSet<PoolClient>();
  let failed = false;
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  pool.on('acquire', (client) => {
    const pid = client.processID;
    if (done.has(client) || failed || pid === null) {
      return;
    }
    done.add(client);
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') {
        throw new Error(`process ${pid} is not a PostgreSQL backend of this machine`);
      }
      setPriority(pid, priority);
    } catch (error) {
      failed = true;
      logger.warn(
        `PostgreSQL's backends keep their own CPU priority: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
}

/** Whether the server `url` names is on loopback or a Unix socket of this machine. */
export function isOnThisMachine(url: string): boolean {
  let host: string;
  try {
    // pg's own reading of a connection string: a socket directory may be in the host or `?host=`.
    host = parse(url).host ?? '';
  } catch {
    return false;
  }
  return (
    host.startsWith('/') ||
    host === 'localhost' ||
    host === '::1' ||
    host === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(host)
  );
}
