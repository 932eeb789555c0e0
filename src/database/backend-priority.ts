import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { Logger } from '@nestjs/common';
import { parse } from 'pg-connection-string';
import type { DataSource } from 'typeorm';
import {
  lowerSessionGroup,
  runOnlyWhenIdle,
  schedulingPolicyOf,
  type SchedulingPolicy,
} from 'src/common/cpu-scheduling';

/** The highest niceness: the lowest priority. */
const LOWEST_NICENESS = 19;

/** What node-postgres tells of a connection: its server process. */
interface PoolClient {
  readonly processID: number | null;
}

interface Pool {
  on(event: 'acquire', listener: (client: PoolClient) => void): void;
}

/**
 * Runs the PostgreSQL backends of `dataSource`'s connections at this process's CPU priority (its
 * niceness, that of the backend's own session group where Linux schedules sessions as groups, and
 * SCHED_IDLE if this process runs under it), when PostgreSQL runs on this machine: a
 * process running at a lower priority (the costly-query process) then also asks less of the
 * database's share of the cores, as its own SQL is most of its work. Each connection is set once,
 * when first handed out. The backend is known by the process ID the server gave the connection; it
 * is touched only if the server is on loopback or a Unix socket and the process is a `postgres`
 * one. Where that cannot be done (another machine, or a server run by another user) it is said once
 * and left.
 */
export function matchBackendPriority(
  dataSource: DataSource,
  url: string,
  priority = getPriority(),
  policy: () => SchedulingPolicy | undefined = () => schedulingPolicyOf('self'),
): void {
  const logger = new Logger('Database');
  if (!isOnThisMachine(url)) {
    logger.warn('PostgreSQL is not on this machine: its backends keep their own CPU priority');
    return;
  }
  const done = new WeakSet<PoolClient>();
  let failed = false;
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  const fail = (error: unknown) => {
    if (!failed) {
      failed = true;
      logger.warn(
        `PostgreSQL's backends keep their own CPU priority: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  pool.on('acquire', (client) => {
    const pid = client.processID;
    if (done.has(client) || failed || pid === null) {
      return;
    }
    done.add(client);
    // Read at each new connection: this process is put under SCHED_IDLE by its parent once started.
    const idle = policy() === 'idle';
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'postgres') {
        throw new Error(`process ${pid} is not a PostgreSQL backend of this machine`);
      }
      setPriority(pid, priority);
      // A backend leads a session of its own: where sessions are scheduled as groups, its group
      // too, at the lowest a group can be for a process under SCHED_IDLE.
      lowerSessionGroup(pid, idle ? LOWEST_NICENESS : priority);
    } catch (error) {
      fail(error);
      return;
    }
    if (idle) {
      runOnlyWhenIdle(pid).catch(fail);
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
