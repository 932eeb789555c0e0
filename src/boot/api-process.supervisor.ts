import { createServer, type Server } from 'node:net';
import { type BeforeApplicationShutdown, Inject, Injectable, Module } from '@nestjs/common';
import { TuskChildProcess } from 'src/boot/tusk-child-process';
import { APP_CONFIG, networkName, type AppConfig } from 'src/config/app-config';

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
 * the configured port (the socket bound by this process, so that the port is held from the start
 * and a port in use is reported before anything starts) and includes the indexer's health and
 * metrics (`TUSK_INDEXER_STATUS_URL`). Should it die, it is started again with backoff, on the
 * port bound again; it is stopped before the database at shutdown.
 */
@Injectable()
export class ApiProcessSupervisor implements BeforeApplicationShutdown {
  private child: TuskChildProcess | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Starts the API process on `socket` (the public port, already bound); resolves once it serves,
   * rejects if it exits before.
   */
  async start(spec: ApiProcessSpec, socket: Server): Promise<void> {
    const config = this.config;
    this.child = new TuskChildProcess({
      name: 'the API process',
      env: {
        APP_ROLE: 'api',
        TUSK_API_PROCESS: 'inline',
        TUSK_LISTEN_ON: 'parent-socket',
        DATABASE_URL: spec.databaseUrl,
        TUSK_INDEXER_STATUS_URL: spec.statusUrl,
        PORT: String(config.port),
        HOST: config.host,
        TUSK_NETWORK: networkName(config),
      },
      claimSocket: () => claimPort(config.port, config.host),
    });
    await this.child.start(socket);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.child?.stop();
  }
}

@Module({ providers: [ApiProcessSupervisor], exports: [ApiProcessSupervisor] })
export class ApiProcessModule {}
