import { statSync } from 'node:fs';
import { getPriority } from 'node:os';
import { DataSource } from 'typeorm';
import {
  schedulingPolicyOf,
  sessionGroupNiceness,
  sessionsScheduledAsGroups,
} from 'src/common/cpu-scheduling';
import { isOnThisMachine, matchBackendPriority } from 'src/database/backend-priority';
import { createTestDatabase } from 'test/support/indexer-harness';

describe('matchBackendPriority on a real PostgreSQL', () => {
  let url: string;

  beforeAll(async () => {
    url = await createTestDatabase();
  });

  it('knows a server on loopback or a Unix socket from one elsewhere', () => {
    expect(isOnThisMachine('postgres://tusk:secret@127.0.0.1:5432/tusk')).toBe(true);
    expect(isOnThisMachine('postgres://tusk@localhost/tusk')).toBe(true);
    expect(isOnThisMachine('postgres://tusk@[::1]:5432/tusk')).toBe(true);
    expect(isOnThisMachine('postgres://tusk@%2Fvar%2Frun%2Fpostgresql/tusk')).toBe(true);
    expect(isOnThisMachine('postgres://tusk@/tusk?host=/var/run/postgresql')).toBe(true);
    expect(isOnThisMachine('postgres://tusk@db.internal:5432/tusk')).toBe(false);
    expect(isOnThisMachine('postgres://tusk@10.0.0.7:5432/tusk')).toBe(false);
    expect(isOnThisMachine('not a url')).toBe(false);
  });

  it("runs each connection's backend at the given priority, once it is handed out", async () => {
    const dataSource = await new DataSource({ type: 'postgres', url, extra: { max: 3 } }).initialize();
    try {
      const lower = Math.min(19, getPriority() + 7);
      matchBackendPriority(dataSource, url, lower);
      // Three connections at once: each one handed out is set, not only the first.
      const runners = [0, 1, 2].map(() => dataSource.createQueryRunner());
      const pids = await Promise.all(
        runners.map(async (runner) => {
          const [row] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
          return row?.pid ?? 0;
        }),
      );
      expect(new Set(pids).size).toBe(3);
      // A server run by another user can be set only by root: then it is left as it was.
      const owner = statSync(`/proc/${pids[0]}`).uid;
      const allowed = process.getuid?.() === 0 || process.getuid?.() === owner;
      // Where sessions are scheduled as groups, each backend leads its own: its group is set too.
      const autogroup = sessionsScheduledAsGroups();
      for (const pid of pids) {
        expect(getPriority(pid)).toBe(allowed ? lower : 0);
        if (autogroup) {
          expect(sessionGroupNiceness(pid)).toBe(allowed ? lower : 0);
        }
      }
      await Promise.all(runners.map((runner) => runner.release()));
    } finally {
      await dataSource.destroy();
    }
  });

  it('puts the backends under SCHED_IDLE too while this process runs under it', async () => {
    // A process under the ordinary policy first: its connection's backend is left under it.
    const ordinary = await new DataSource({ type: 'postgres', url, extra: { max: 1 } }).initialize();
    const idle = await new DataSource({ type: 'postgres', url, extra: { max: 2 } }).initialize();
    try {
      matchBackendPriority(ordinary, url, getPriority(), () => 'normal');
      const [row] = await ordinary.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      const ordinaryPid = row?.pid ?? 0;
      // Then one as the costly-query process sees itself once its parent has put it under SCHED_IDLE.
      matchBackendPriority(idle, url, getPriority(), () => 'idle');
      const runners = [0, 1].map(() => idle.createQueryRunner());
      const pids = await Promise.all(
        runners.map(async (runner) => {
          const [backend] = (await runner.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
          return backend?.pid ?? 0;
        }),
      );
      const owner = statSync(`/proc/${ordinaryPid}`).uid;
      const allowed = process.getuid?.() === 0 || process.getuid?.() === owner;
      // Set by util-linux's chrt, which runs apart: waited for.
      const deadline = Date.now() + 30_000;
      while (allowed && pids.some((pid) => schedulingPolicyOf(pid) !== 'idle') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const autogroup = sessionsScheduledAsGroups();
      for (const pid of pids) {
        expect(schedulingPolicyOf(pid)).toBe(allowed ? 'idle' : 'normal');
        if (autogroup) {
          // A group has no SCHED_IDLE: the lowest niceness is as near as it comes.
          expect(sessionGroupNiceness(pid)).toBe(allowed ? 19 : 0);
        }
      }
      expect(schedulingPolicyOf(ordinaryPid)).toBe('normal');
      await Promise.all(runners.map((runner) => runner.release()));
    } finally {
      await Promise.all([ordinary.destroy(), idle.destroy()]);
    }
  });

  it('leaves the backends of a server elsewhere alone', async () => {
    const dataSource = await new DataSource({ type: 'postgres', url }).initialize();
    try {
      // The same server, named as if it were on another machine: its backends are not touched.
      matchBackendPriority(dataSource, 'postgres://tusk@db.internal:5432/tusk', 12);
      const [row] = await dataSource.query<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
      expect(getPriority(row?.pid ?? 0)).toBe(0);
    } finally {
      await dataSource.destroy();
    }
  });
});
