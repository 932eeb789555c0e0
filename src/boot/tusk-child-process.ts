import { fork, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:net';
import { Logger } from '@nestjs/common';
import { runOnlyWhenIdle } from 'src/common/cpu-scheduling';
import { BackoffSequence, exponentialBackoff } from 'src/common/resilience/backoff';
import { childEnvironment } from 'src/config/app-config';

/** The command line a child runs: this project's own `tusk` binary. */
const TUSK_BINARY = join(__dirname, '..', '..', '..', 'bin', 'tusk.js');

/** How long a child may take to stop before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * A supervisor and its child over their IPC channel: a child that is to serve on a socket its
 * supervisor bound says when it is ready for it, the supervisor sends it, and every child says when
 * it serves.
 */
export const CHILD_READY_MESSAGE = 'tusk:api-ready';
export const CHILD_SOCKET_MESSAGE = 'tusk:api-socket';
export const CHILD_LISTENING_MESSAGE = 'tusk:api-listening';

/** The highest niceness Linux and macOS know: the lowest priority. */
const LOWEST_PRIORITY = 19;

export interface TuskChildSpec {
  /** What logs call it: `the API process`. */
  readonly name: string;
  /** Variables over this process's own environment. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The listening socket to hand over, bound again by this process before each restart; absent
   * for a child that binds its own (it is told where in `env`).
   */
  readonly claimSocket?: () => Promise<Server>;
  /** How much lower than this process's the child's CPU priority is (its niceness added). */
  readonly lowerPriorityBy?: number;
  /**
   * Whether the child runs under SCHED_IDLE besides (Linux): on what the other processes leave of
   * the cores, and a process of theirs that wakes takes its core at once.
   */
  readonly idleScheduling?: boolean;
  /** Called once the child serves, and when it has exited after serving. */
  readonly onServing?: (child: ChildProcess) => void;
  readonly onExit?: () => void;
}

/**
 * `tusk start --role api` run as a child of this process and kept running: it is started again with
 * backoff when it dies, stopped (SIGTERM, then SIGKILL) when this process stops, and it stops by
 * itself when this process dies (its IPC channel closes).
 */
export class TuskChildProcess {
  private readonly logger: Logger;
  private readonly backoff = new BackoffSequence(
    exponentialBackoff({ initialMs: 1000, maxMs: 30_000 }, false),
  );
  private child: ChildProcess | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Said once: a child that cannot be put under SCHED_IDLE will not be the next time either. */
  private idleSchedulingRefused = false;

  constructor(private readonly spec: TuskChildSpec) {
    this.logger = new Logger(spec.name);
  }

  /** The child while it runs. */
  get process(): ChildProcess | undefined {
    const child = this.child;
    return child === undefined || child.exitCode !== null || child.signalCode !== null ? undefined : child;
  }

  /**
   * Starts the child (on `socket` when given, already bound, else on one `claimSocket` binds);
   * resolves once it serves, rejects if it exits before.
   */
  async start(socket?: Server): Promise<void> {
    await this.launch(socket ?? (await this.spec.claimSocket?.()));
  }

  /** Starts the child without waiting for it; a start that fails is tried again with backoff. */
  startInBackground(): void {
    this.start().catch((error: unknown) => {
      if (this.stopping) {
        return;
      }
      this.logger.error(error instanceof Error ? error.message : String(error));
      this.restartAfterCrash(null, null);
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.process;
    if (child === undefined) {
      return;
    }
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    });
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(killer);
  }

  private launch(socket: Server | undefined): Promise<void> {
    const { name, env, lowerPriorityBy, onServing, onExit } = this.spec;
    const child = fork(TUSK_BINARY, ['start', '--role', 'api'], {
      env: childEnvironment(env),
      stdio: 'inherit',
    });
    this.child = child;
    if (lowerPriorityBy !== undefined && child.pid !== undefined) {
      this.lowerPriority(child.pid, lowerPriorityBy);
    }
    return new Promise<void>((resolve, reject) => {
      let serving = false;
      child.on('message', (message: unknown) => {
        if (message === CHILD_READY_MESSAGE && socket !== undefined) {
          child.send(CHILD_SOCKET_MESSAGE, socket);
        } else if (message === CHILD_LISTENING_MESSAGE && !serving) {
          serving = true;
          this.backoff.reset();
          if (lowerPriorityBy !== undefined && child.pid !== undefined) {
            this.lowerPriority(child.pid, lowerPriorityBy);
          }
          // The child holds the socket now; this process's copy would accept connections too.
          socket?.close();
          onServing?.(child);
          resolve();
        }
      });
      child.once('error', (error) => {
        // It could not be started (or signalled); `exit` may not follow.
        if (!serving) {
          socket?.close();
          reject(new Error(`${name} could not be started: ${error.message}`));
        } else {
          this.logger.error(`${name}: ${error.message}`);
        }
      });
      child.once('exit', (code, signal) => {
        if (!serving) {
          socket?.close();
          reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it listened`));
          return;
        }
        onExit?.();
        if (!this.stopping) {
          this.restartAfterCrash(code, signal);
        }
      });
    });
  }

  private restartAfterCrash(code: number | null, signal: NodeJS.Signals | null): void {
    const waitMs = this.backoff.next();
    this.logger.error(
      `${this.spec.name} stopped (${signal ?? `code ${code}`}); starting it again in ${waitMs} ms`,
    );
    this.restartTimer = setTimeout(() => {
      if (this.stopping) {
        return;
      }
      this.startInBackground();
    }, waitMs);
  }

  /**
   * Lowers the priority of every thread of `pid`: on Linux a priority is a thread's, and the
   * threads Node starts with (V8's, for garbage collection and compilation) may already run when
   * the first call comes; threads started later take their creator's. Called at once, and again
   * when the child serves.
   */
  private lowerPriority(pid: number, by: number): void {
    const priority = Math.min(LOWEST_PRIORITY, getPriority() + by);
    let threads: number[];
    try {
      threads = readdirSync(`/proc/${pid}/task`).map(Number);
    } catch {
      // Not Linux, or gone already: the process as the system knows it.
      threads = [pid];
    }
    try {
      for (const thread of threads) {
        setPriority(thread, priority);
      }
    } catch (error) {
      // Served at this process's priority, which is what it had before: worth a line, not a stop.
      this.logger.warn(
        `${this.spec.name} runs at this process's CPU priority: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (this.spec.idleScheduling === true && !this.idleSchedulingRefused) {
      runOnlyWhenIdle(pid).catch((error: unknown) => {
        if (!this.idleSchedulingRefused) {
          this.idleSchedulingRefused = true;
          this.logger.warn(
            `${this.spec.name} runs at niceness +${by} only: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      });
    }
  }
}
