import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Linux's scheduling classes for ordinary (not real-time) work, as `/proc/<pid>/stat` numbers them:
 * `normal` (SCHED_OTHER), `batch` (SCHED_BATCH) and `idle` (SCHED_IDLE); `other` is any real-time
 * class.
 */
export type SchedulingPolicy = 'normal' | 'batch' | 'idle' | 'other';

const POLICIES: Readonly<Record<number, SchedulingPolicy>> = { 0: 'normal', 3: 'batch', 5: 'idle' };

/** Fields 41 (policy) and 6 (session) of `/proc/<pid>/stat`, counted from the one after the command. */
const POLICY_FIELD = 41 - 3;
const SESSION_FIELD = 6 - 3;

/**
 * The fields of `/proc/<pid>/stat` after the command name, which is in parentheses and may itself
 * hold spaces and parentheses; undefined where there is no `/proc` to tell (not Linux, or gone).
 */
function statFieldsOf(pid: number | 'self'): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/**
 * The scheduling policy of process (or thread) `pid` ('self' for this process's main thread), or
 * undefined where there is no `/proc` to tell (not Linux, or gone).
 */
export function schedulingPolicyOf(pid: number | 'self'): SchedulingPolicy | undefined {
  const policy = Number(statFieldsOf(pid)?.[POLICY_FIELD]);
  return Number.isInteger(policy) ? (POLICIES[policy] ?? 'other') : undefined;
}

/**
 * Puts every thread of process `pid` under SCHED_IDLE, with util-linux's `chrt` (Node has no call
 * for it). Its niceness stays as it was. Rejects with why when that cannot be done: no `chrt`, or
 * not allowed (another user's process).
 */
export function runOnlyWhenIdle(pid: number): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'chrt',
      ['--idle', '--all-tasks', '--pid', '0', String(pid)],
      { timeout: 5000 },
      (error, _stdout, stderr) => {
        if (error === null) {
          resolve();
          return;
        }
        const cause =
          (error as NodeJS.ErrnoException).code === 'ENOENT'
            ? 'chrt (util-linux) is not installed'
            : stderr.trim() || error.message;
        reject(new Error(`process ${pid} could not be put under SCHED_IDLE: ${cause}`));
      },
    );
  });
}

/**
 * Where Linux groups processes by session for scheduling (autogroup), each session shares the
 * cores as one: a process's niceness then only counts within its session. A PostgreSQL backend
 * starts a session of its own, so its niceness alone does not lower it against anything else. This
 * sets the niceness of `pid`'s session group too, when `pid` leads that session (so that no other
 * process is lowered with it) and autogroup is on. Returns whether it did; throws when the kernel
 * refuses.
 */
export function lowerSessionGroup(pid: number, niceness: number): boolean {
  if (!sessionsScheduledAsGroups()) {
    return false;
  }
  if (Number(statFieldsOf(pid)?.[SESSION_FIELD]) !== pid) {
    return false;
  }
  writeFileSync(`/proc/${pid}/autogroup`, String(niceness));
  return true;
}

/** Whether this Linux schedules sessions as groups (autogroup compiled in and on). */
export function sessionsScheduledAsGroups(): boolean {
  try {
    return readFileSync('/proc/sys/kernel/sched_autogroup_enabled', 'utf8').trim() === '1';
  } catch {
    return false;
  }
}

/** The niceness of `pid`'s session group, or undefined where there is none to read. */
export function sessionGroupNiceness(pid: number): number | undefined {
  try {
    const match = /nice (-?\d+)/.exec(readFileSync(`/proc/${pid}/autogroup`, 'utf8'));
    return match === null ? undefined : Number(match[1]);
  } catch {
    return undefined;
  }
}
