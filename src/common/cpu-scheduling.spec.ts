import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  lowerSessionGroup,
  runOnlyWhenIdle,
  schedulingPolicyOf,
  sessionGroupNiceness,
  sessionsScheduledAsGroups,
} from 'src/common/cpu-scheduling';

describe('CPU scheduling policies', () => {
  const children: ChildProcess[] = [];
  const directory = mkdtempSync(join(tmpdir(), 'tusk-scheduling-'));

  afterAll(() => {
    for (const child of children) {
      child.kill('SIGKILL');
    }
    rmSync(directory, { recursive: true, force: true });
  });

  /** A process that waits, run from a copy of `sleep` named `name` (its command name in /proc). */
  function sleeper(name: string, ownSession = false): number {
    const binary = join(directory, name);
    copyFileSync('/bin/sleep', binary);
    const child = spawn(binary, ['60'], { stdio: 'ignore', detached: ownSession });
    children.push(child);
    if (child.pid === undefined) {
      throw new Error('the sleeper did not start');
    }
    return child.pid;
  }

  it('reads a process as normal until it is put under SCHED_IDLE, whatever its command name', async () => {
    // A command name with spaces and parentheses, as /proc/<pid>/stat shows it between parentheses.
    const pid = sleeper('a) (b c');
    expect(schedulingPolicyOf(pid)).toBe('normal');
    await runOnlyWhenIdle(pid);
    expect(schedulingPolicyOf(pid)).toBe('idle');
    expect(schedulingPolicyOf('self')).toBe('normal');
  });

  it('says why a process cannot be put under SCHED_IDLE', async () => {
    const gone = spawn('/bin/true');
    await new Promise((resolve) => gone.once('exit', resolve));
    await expect(runOnlyWhenIdle(gone.pid ?? 0)).rejects.toThrow(
      `process ${gone.pid} could not be put under SCHED_IDLE:`,
    );
    expect(schedulingPolicyOf(gone.pid ?? 0)).toBeUndefined();
  });

  it('lowers a session group only for the process that leads it, where sessions are scheduled as groups', () => {
    const autogroup = sessionsScheduledAsGroups();
    // As a PostgreSQL backend is: a session of its own.
    const leader = sleeper('leader', true);
    expect(lowerSessionGroup(leader, 12)).toBe(autogroup);
    if (autogroup) {
      expect(sessionGroupNiceness(leader)).toBe(12);
    }
    // One in this process's session: lowering its group would lower this process (and the test
    // runner) with it, so it is left.
    const member = sleeper('member');
    const before = sessionGroupNiceness(member);
    expect(lowerSessionGroup(member, 12)).toBe(false);
    expect(sessionGroupNiceness(member)).toBe(before);
    expect(sessionGroupNiceness(process.pid)).toBe(before);
  });
});
