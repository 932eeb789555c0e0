import { SchedulerRegistry } from '@nestjs/schedule';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { ScheduledJobs } from 'src/common/scheduling/scheduled-jobs';

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not met in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('scheduled jobs', () => {
  it('run at once, never overlap themselves, and stop with their signal', async () => {
    const scheduler = new SchedulerRegistry();
    const metrics = new MetricsRegistry();
    const jobs = new ScheduledJobs(scheduler, metrics);
    const stop = new AbortController();
    let started = 0;
    let concurrent = 0;
    let mostConcurrent = 0;
    let release: (() => void) | undefined;
    const job = async () => {
      started++;
      concurrent++;
      mostConcurrent = Math.max(mostConcurrent, concurrent);
      // The first run outlasts several ticks.
      if (started === 1) {
        await new Promise<void>((resolve) => (release = resolve));
      }
      concurrent--;
    };
    const done = jobs.every('test_job', 2, job, stop.signal);
    await until(() => release !== undefined);
    expect(scheduler.getIntervals()).toEqual(['test_job']);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(started).toBe(1);
    release?.();
    await until(() => started >= 3);
    stop.abort();
    await done;
    expect(mostConcurrent).toBe(1);
    expect(scheduler.getIntervals()).toEqual([]);
    const settled = started;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toBe(settled);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/tusk_job_duration_seconds_count\{job="test_job",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/tusk_job_last_success_timestamp_seconds\{job="test_job"\} \d/);
  });

  it('count a failed run as failed and keep going', async () => {
    const metrics = new MetricsRegistry();
    const jobs = new ScheduledJobs(new SchedulerRegistry(), metrics);
    const stop = new AbortController();
    let runs = 0;
    const done = jobs.every(
      'flaky_job',
      2,
      async () => {
        runs++;
        await Promise.resolve();
        if (runs === 1) {
          throw new Error('database unavailable');
        }
      },
      stop.signal,
    );
    await until(() => runs >= 2);
    stop.abort();
    await done;
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/tusk_job_duration_seconds_count\{job="flaky_job",outcome="failed"\} 1/);
    expect(text).toMatch(/tusk_job_duration_seconds_count\{job="flaky_job",outcome="ok"\} [1-9]/);
  });
});
