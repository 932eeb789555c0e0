import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, Module } from '@nestjs/common';
import { TuskChildProcess } from 'src/boot/tusk-child-process';
import { CostlyQueryProcess, type MetricsAsJson } from 'src/common/costly-query-process';
import { APP_CONFIG, networkName, type AppConfig } from 'src/config/app-config';

/** Asks a costly-query process for its metrics; it answers `{ metrics, id }`. */
export const METRICS_REQUEST = 'tusk:metrics';

/**
 * How much lower its CPU priority is than the API's (niceness +10: under Linux's scheduler, about a
 * tenth of the API's share of a busy core). Costly queries then take what the API's cheap requests
 * and the indexer leave: their wait is what grows under load, not everyone else's. Under SCHED_IDLE
 * besides (`TUSK_COSTLY_QUERY_PRIORITY=idle`), a process of the API's or the indexer's that wakes
 * takes the core at once: a lower niceness alone lets the running one finish its time slice first,
 * a wait of milliseconds at every turn of the API's event loop.
 */
const LOWER_PRIORITY_BY = 10;

/** How long it may take to answer for its metrics. */
const METRICS_TIMEOUT_MS = 2000;

/**
 * Runs the queries costing at least `TUSK_COSTLY_QUERY_COST` in a process of their own,
 * `tusk start --role api` serving on a Unix socket at a lower CPU priority, to which the front door
 * forwards them (`TUSK_COSTLY_QUERY_PROCESS=separate`). Resolving and serialising a large answer
 * holds an event loop for tens of milliseconds at a time; on the API's own loop, every cheap query
 * and refusal waits behind it, and its CPU competes with them on equal terms. Apart, the API's loop
 * is left to cheap requests and the operating system gives them the cores first.
 * It has the API's database and settings, and no rate limit of its own (the API has counted the
 * request); its PostgreSQL backends run at its priority too, when PostgreSQL is on this machine
 * (`matchBackendPriority`). While it starts (again), costly queries run in the API as before.
 */
@Injectable()
export class CostlyQueryProcessSupervisor implements BeforeApplicationShutdown {
  private readonly logger = new Logger('CostlyQueries');
  private child: TuskChildProcess | undefined;
  private nextRequest = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly costlyQueries: CostlyQueryProcess,
  ) {}

  /** Starts it on `databaseUrl` in the background. */
  start(databaseUrl: string): void {
    const socketPath = join(tmpdir(), `tusk-costly-queries-${randomUUID()}.sock`);
    this.child = new TuskChildProcess({
      name: 'the costly-query process',
      env: {
        APP_ROLE: 'api',
        TUSK_API_PROCESS: 'inline',
        TUSK_COSTLY_QUERY_PROCESS: 'inline',
        TUSK_LISTEN_ON: socketPath,
        TUSK_RATE_LIMIT_PER_SECOND: '0',
        TUSK_DATABASE_BACKEND_PRIORITY: 'this-process',
        // An embedded PostgreSQL is this process's to start: the child uses it where it runs. A
        // configured one (a primary, or a replica beside it) is in the environment already.
        ...(this.config.database.kind === 'embedded' ? { DATABASE_URL: databaseUrl } : {}),
        TUSK_NETWORK: networkName(this.config),
      },
      lowerPriorityBy: LOWER_PRIORITY_BY,
      idleScheduling: this.config.api.costlyQueries.priority === 'idle',
      onServing: (child) => {
        this.logger.log(`serving costly queries (pid ${child.pid ?? '?'}, ${socketPath})`);
        this.costlyQueries.opened({ socketPath, metrics: () => this.metricsOf(child) });
      },
      onExit: () => {
        this.costlyQueries.closed();
        // Left behind by a process killed outright; the next one binds the same path.
        rmSync(socketPath, { force: true });
      },
    });
    this.child.startInBackground();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.costlyQueries.closed();
    await this.child?.stop();
  }

  private metricsOf(child: ChildProcess): Promise<MetricsAsJson | undefined> {
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      const finish = (metrics: MetricsAsJson | undefined) => {
        clearTimeout(timer);
        child.off('message', receive);
        resolve(metrics);
      };
      const receive = (message: unknown) => {
        const answer = message as { type?: unknown; id?: unknown; metrics?: unknown } | null;
        if (answer?.type === METRICS_REQUEST && answer.id === id) {
          finish(answer.metrics as MetricsAsJson);
        }
      };
      const timer = setTimeout(() => {
        finish(undefined);
      }, METRICS_TIMEOUT_MS);
      child.on('message', receive);
      if (!child.connected) {
        finish(undefined);
        return;
      }
      child.send({ type: METRICS_REQUEST, id }, (error) => {
        if (error !== null) {
          finish(undefined);
        }
      });
    });
  }
}

@Module({ providers: [CostlyQueryProcessSupervisor], exports: [CostlyQueryProcessSupervisor] })
export class CostlyQueryProcessSupervisorModule {}
