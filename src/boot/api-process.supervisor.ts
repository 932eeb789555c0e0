import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { BackoffSequence, exponentialBackoff } from 'src/common/resilience/backoff';
import { APP_CONFIG, childEnvironment, networkName, type AppConfig } from 'src/config/app-config';

/** The command line an API process runs: this project's own `tusk` binary. */
const TUSK_BINARY = join(__dirname, '..', '..', '..', 'bin', 'tusk.js');

/** How long an API process may take to stop before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The supervisor and its API process over their IPC channel: the API process says when it is ready
 * for its listening socket, the supervisor sends the socket (bound on the public port by itself, so
 * that the port is held from the start and a port in use is reported before anything starts), and
 * the API process says when it serves on it.
 */
export const API_READY_MESSAGE = 'tusk:api-ready';
export const API_SOCKET_MESSAGE = 'tusk:api-socket';
export const API_LISTENING_MESSAGE = 'tusk:api-listening';

/**
 * Binds `port` on `host`; rejects with Node's own error (`listen EADDRINUSE: …`) when taken. A
 * connection this process accepts on it (before the API process serves, or in the moment before
 * this copy is closed) is reset, as if nothing listened yet, rather than left unanswered.
 */
export function claimPort(port: number, host: string): Promise<Server> {
  const server = createServer((connection) => {
    connection.destroy();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export interface ApiProcessSpec {
  /** The database the indexer writes (for the embedded one, its URL once started). */
  readonly databaseUrl: string;
  /** Where the indexer serves its own `/health` and `/metrics`, on loopback. */
  readonly statusUrl: string;
}

/**
 * Runs the public API of `tusk start` (role `all`) as a process of its own, `tusk start --role api`
 * on the same database: its event loop and its database pool are its own, so a burst of costly
 * queries delays neither indexing, nor the handoff orchestrator, nor their alerts. It serves on
 * the configured port (the socket handed over by this process) and includes the indexer's health
 * and metrics (`TUSK_INDEXER_STATUS_URL`).
 * Should it die, it is started again with backoff; it is stopped before the database at shutdown,
 * and it stops by itself if this process dies (its IPC channel closes).
 */
@Injectable()
export class ApiProcessSupervisor implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ApiProcess');
  private readonly backoff = new BackoffSequence(
    exponentialBackoff({ initialMs: 1000, maxMs: 30_000 }, false),
  );
  private child: ChildProcess | undefined;
  private spec: ApiProcessSpec | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Starts the API process on `socket` (the public port, already bound); resolves once it serves,
   * rejects if it exits before.
   */
  async start(spec: ApiProcessSpec, socket: Server): Promise<void> {
    this.spec = spec;
    await this.launch(spec, socket);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) {
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

  private launch(spec: ApiProcessSpec, socket: Server): Promise<void> {
    const config = this.config;
    const child = fork(TUSK_BINARY, ['start', '--role', 'api'], {
      env: childEnvironment({
        APP_ROLE: 'api',
        TUSK_API_PROCESS: 'inline',
        DATABASE_URL: spec.databaseUrl,
        TUSK_INDEXER_STATUS_URL: spec.statusUrl,
        PORT: String(config.port),
        HOST: config.host,
        TUSK_NETWORK: networkName(config),
      }),
      stdio: 'inherit',
    });
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      let listening = false;
      child.on('message', (message: unknown) => {
        if (message === API_READY_MESSAGE) {
          child.send(API_SOCKET_MESSAGE, socket);
        } else if (message === API_LISTENING_MESSAGE && !listening) {
          listening = true;
          this.backoff.reset();
          // The API process holds the socket now; this process's copy would accept connections too.
          socket.close();
          resolve();
        }
      });
      child.once('error', (error) => {
        // It could not be started (or signalled); `exit` may not follow.
        if (!listening) {
          socket.close();
          reject(new Error(`the API process could not be started: ${error.message}`));
        } else {
          this.logger.error(`the API process: ${error.message}`);
        }
      });
      child.once('exit', (code, signal) => {
        if (!listening) {
          socket.close();
          reject(new Error(`the API process exited (${signal ?? `code ${code}`}) before it listened`));
          return;
        }
        if (!this.stopping) {
          this.restartAfterCrash(code, signal);
        }
      });
    });
  }

  private restartAfterCrash(code: number | null, signal: NodeJS.Signals | null): void {
    const waitMs = this.backoff.next();
    this.logger.error(
      `the API process stopped (${signal ?? `code ${code}`}); starting it again in ${waitMs} ms`,
    );
    this.restartTimer = setTimeout(() => {
      const spec = this.spec;
      if (this.stopping || spec === undefined) {
        return;
      }
      claimPort(this.config.port, this.config.host)
        .then((socket) => this.launch(spec, socket))
        .catch((error: unknown) => {
          this.logger.error(error instanceof Error ? error.message : String(error));
          this.restartAfterCrash(null, null);
        });
    }, waitMs);
  }
}

@Module({ providers: [ApiProcessSupervisor], exports: [ApiProcessSupervisor] })
export class ApiProcessModule {}
