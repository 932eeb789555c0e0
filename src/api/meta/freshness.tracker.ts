import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PIPELINE_NAMES } from 'src/indexer/pipelines/pipeline';

export interface Freshness {
  /** The checkpoint every pipeline has reached; null before the first. */
  readonly checkpoint: string | null;
  readonly epoch: number | null;
  readonly lagSeconds: number | null;
}

/**
 * What the database holds right now, read with one index-only query per response. Concurrent
 * responses share the reading in flight, so a burst costs one round trip.
 */
@Injectable()
export class FreshnessTracker {
  private inFlight: Promise<Freshness> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  current(): Promise<Freshness> {
    this.inFlight ??= this.read().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async read(): Promise<Freshness> {
    try {
      const [row] = await this.dataSource.manager.query<
        { checkpoint: string | null; timestamp_ms: string | null; epoch: number | null }[]
      >(
        `SELECT slowest.checkpoint, slowest.timestamp_ms, (SELECT max(epoch) FROM staking_state) AS epoch
         FROM (SELECT checkpoint_hi_inclusive AS checkpoint, timestamp_ms_hi_inclusive AS timestamp_ms
               FROM pipeline_watermark WHERE pipeline = ANY($1::text[])
               ORDER BY checkpoint_hi_inclusive LIMIT 1) AS slowest`,
        [PIPELINE_NAMES],
      );
      const checkpoint =
        row?.checkpoint === undefined || row.checkpoint === null || row.checkpoint === '-1'
          ? null
          : row.checkpoint;
      return {
        checkpoint,
        epoch: row?.epoch ?? null,
        lagSeconds:
          row?.timestamp_ms === undefined || row.timestamp_ms === null
            ? null
            : Math.max(0, (Date.now() - Number(row.timestamp_ms)) / 1000),
      };
    } catch {
      return { checkpoint: null, epoch: null, lagSeconds: null };
    }
  }
}
