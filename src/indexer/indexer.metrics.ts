import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { PIPELINE_NAMES, type PipelineName } from 'src/indexer/pipelines/pipeline';
import type { IndexerObserver } from 'src/indexer/indexer-runner';
import { MetricsRegistry } from 'src/common/metrics-registry';

/** The indexer's Prometheus metrics, in base units; the `pipeline` label has four values. */
@Injectable()
export class IndexerMetrics implements IndexerObserver {
  private readonly checkpoint: Gauge<'pipeline'>;
  private readonly checkpointTimestamp: Gauge<'pipeline'>;
  private readonly checkpoints: Counter<'pipeline'>;
  private readonly changes: Counter<'pipeline'>;
  private readonly retries: Counter<'pipeline'>;
  private readonly halted: Gauge<'pipeline'>;
  private readonly batchSeconds: Histogram<'pipeline'>;
  readonly leader: Gauge;
  readonly failures: Counter<'kind'>;
  private readonly lastTimestamp = new Map<PipelineName, number>();

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.checkpoint = new Gauge({
      name: 'tusk_indexer_checkpoint',
      help: 'Last checkpoint committed by the pipeline',
      labelNames: ['pipeline'],
      registers,
    });
    this.checkpointTimestamp = new Gauge({
      name: 'tusk_indexer_checkpoint_timestamp_seconds',
      help: 'Timestamp of the last checkpoint committed by the pipeline',
      labelNames: ['pipeline'],
      registers,
    });
    const lastTimestamp = this.lastTimestamp;
    // Computed at scrape time, so it grows while the indexer is stuck.
    new Gauge({
      name: 'tusk_indexer_lag_seconds',
      help: 'Seconds between now and the timestamp of the last checkpoint the pipeline committed',
      labelNames: ['pipeline'],
      registers,
      collect() {
        for (const [pipeline, timestampMs] of lastTimestamp) {
          this.set({ pipeline }, Math.max(0, (Date.now() - timestampMs) / 1000));
        }
      },
    });
    this.checkpoints = new Counter({
      name: 'tusk_indexer_checkpoints_total',
      help: 'Checkpoints committed by the pipeline',
      labelNames: ['pipeline'],
      registers,
    });
    this.changes = new Counter({
      name: 'tusk_indexer_changes_total',
      help: 'Walrus object changes and events the pipeline wrote',
      labelNames: ['pipeline'],
      registers,
    });
    this.retries = new Counter({
      name: 'tusk_indexer_retries_total',
      help: 'Batches retried after a retryable failure (database or chain)',
      labelNames: ['pipeline'],
      registers,
    });
    this.halted = new Gauge({
      name: 'tusk_indexer_pipeline_halted',
      help: '1 when the pipeline stopped on data it cannot index',
      labelNames: ['pipeline'],
      registers,
    });
    this.batchSeconds = new Histogram({
      name: 'tusk_indexer_batch_duration_seconds',
      help: 'Time to write one batch and its watermark',
      labelNames: ['pipeline'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    });
    this.leader = new Gauge({
      name: 'tusk_indexer_leader',
      help: '1 when this process is the indexer writer, 0 when it is a standby',
      registers,
    });
    this.failures = new Counter({
      name: 'tusk_indexer_failures_total',
      help: 'Indexer failures by kind: retryable (retried) or fatal (the indexer stopped)',
      labelNames: ['kind'],
      registers,
    });
    for (const pipeline of PIPELINE_NAMES) {
      this.halted.set({ pipeline }, 0);
      this.checkpoints.inc({ pipeline }, 0);
      this.retries.inc({ pipeline }, 0);
    }
    this.leader.set(0);
    this.failures.inc({ kind: 'retryable' }, 0);
    this.failures.inc({ kind: 'fatal' }, 0);
  }

  onCommit(commit: Parameters<NonNullable<IndexerObserver['onCommit']>>[0]): void {
    const pipeline = commit.pipeline;
    this.checkpoint.set({ pipeline }, Number(commit.checkpoint));
    this.checkpointTimestamp.set({ pipeline }, commit.timestampMs / 1000);
    this.lastTimestamp.set(pipeline, commit.timestampMs);
    this.checkpoints.inc({ pipeline }, commit.checkpoints);
    this.changes.inc({ pipeline }, commit.changes);
    this.batchSeconds.observe({ pipeline }, commit.seconds);
  }

  onRetry(pipeline: PipelineName): void {
    this.retries.inc({ pipeline });
    this.failures.inc({ kind: 'retryable' });
  }

  onHalt(pipeline: PipelineName): void {
    this.halted.set({ pipeline }, 1);
    this.failures.inc({ kind: 'fatal' });
  }

  restored(pipeline: PipelineName, checkpoint: bigint, timestampMs: number | null): void {
    this.checkpoint.set({ pipeline }, Number(checkpoint));
    this.halted.set({ pipeline }, 0);
    if (timestampMs !== null) {
      this.checkpointTimestamp.set({ pipeline }, timestampMs / 1000);
      this.lastTimestamp.set(pipeline, timestampMs);
    }
  }
}
