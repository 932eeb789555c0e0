import { Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Gauge, Histogram } from 'prom-client';
import { MetricsRegistry } from 'src/common/metrics-registry';

/** Bounds of a job's run time, seconds: from a quick reconcile to a slow sweep of nodes. */
const JOB_DURATION_BUCKETS = [0.005, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Periodic jobs that run only while something holds (the leader's term): each is registered by
 * name with the scheduler (`SchedulerRegistry`), runs at once and then every `everyMs`, never
 * overlaps itself (a tick that finds the previous run still going is skipped), and is removed
 * when its signal aborts. Every run is timed, and its last success recorded, per job.
 */
@Injectable()
export class ScheduledJobs {
  private readonly logger = new Logger(ScheduledJobs.name);
  private readonly duration: Histogram<'job' | 'outcome'>;
  private readonly lastSuccess: Gauge<'job'>;

  constructor(
    private readonly scheduler: SchedulerRegistry,
    metrics: MetricsRegistry,
  ) {
    const registers = [metrics.registry];
    this.duration = new Histogram({
      name: 'tusk_job_duration_seconds',
      help: 'Run time of a periodic job, by job and outcome (ok or failed).',
      labelNames: ['job', 'outcome'],
      buckets: JOB_DURATION_BUCKETS,
      registers,
    });
    this.lastSuccess = new Gauge({
      name: 'tusk_job_last_success_timestamp_seconds',
      help: 'When a periodic job last finished without error, Unix seconds.',
      labelNames: ['job'],
      registers,
    });
  }

  /** Runs `job` every `everyMs` until `signal` aborts; resolves once it is stopped and idle. */
  async every(
    name: string,
    everyMs: number,
    job: (signal: AbortSignal) => Promise<void>,
    signal: AbortSignal,
  ): Promise<void> {
    if (signal.aborted) {
      return;
    }
    let running: Promise<void> | undefined;
    const run = () => {
      if (running !== undefined || signal.aborted) {
        return;
      }
      const started = performance.now();
      running = job(signal)
        .then(
          () => {
            this.duration.observe({ job: name, outcome: 'ok' }, (performance.now() - started) / 1000);
            this.lastSuccess.set({ job: name }, Date.now() / 1000);
          },
          (error: unknown) => {
            this.duration.observe({ job: name, outcome: 'failed' }, (performance.now() - started) / 1000);
            if (!signal.aborted) {
              this.logger.warn({
                msg: `${name} failed, next run in ${everyMs} ms: ${error instanceof Error ? error.message : String(error)}`,
                job: name,
              });
            }
          },
        )
        .finally(() => {
          running = undefined;
        });
    };
    this.scheduler.addInterval(name, setInterval(run, everyMs));
    run();
    await new Promise<void>((resolve) => {
      signal.addEventListener(
        'abort',
        () => {
          resolve();
        },
        { once: true },
      );
    });
    this.scheduler.deleteInterval(name);
    await running;
  }
}
