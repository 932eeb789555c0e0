import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { readOnce } from 'src/store/read-scope';
import { IndexNotifications } from 'src/database/index-notifications';
import { PIPELINE_NAMES } from 'src/indexer/pipelines/pipeline';

export interface Freshness {
  /** The checkpoint every pipeline has reached; null before the first. */
  readonly checkpoint: string | null;
  readonly epoch: number | null;
  readonly lagSeconds: number | null;
}

interface Reading {
  readonly checkpoint: string | null;
  readonly epoch: number | null;
  readonly timestampMs: number | null;
}

/**
 * What the database holds right now. It is read with one index-only query, kept until the
 * indexer's next commit is notified (`IndexNotifications`), and read on every request while
 * notifications are down. Concurrent requests share the reading in flight; the lag is computed
 * at each call, since it moves with the clock.
 */
@Injectable()
export class FreshnessTracker {
  private inFlight: Promise<Reading> | undefined;
  private kept: Reading | undefined;
  /** Bumped by every notification: a reading started before the last one is not kept. */
  private generation = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: IndexNotifications,
  ) {
    notifications.onIndexed(() => {
      this.generation++;
      this.kept = undefined;
    });
  }

  async current(): Promise<Freshness> {
    const reading =
      this.notifications.connected && this.kept !== undefined ? this.kept : await this.readShared();
    return this.freshnessOf(reading);
  }

  /**
   * What `current()` would answer without a read, when it has one: the reading kept since the last
   * notification, while notifications flow.
   */
  currentIfKept(): Freshness | undefined {
    return this.notifications.connected && this.kept !== undefined ? this.freshnessOf(this.kept) : undefined;
  }

  /** The last reading kept, without reading: for an answer that must not wait on the database. */
  known(): Freshness | undefined {
    return this.kept === undefined ? undefined : this.freshnessOf(this.kept);
  }

  /**
   * What the snapshot `manager` reads holds: a request's own reading, so that its `_meta` and its
   * data describe the same moment. Read once per read scope.
   */
  async inSnapshot(manager: EntityManager): Promise<Freshness> {
    return this.freshnessOf(await readOnce('freshness:snapshot', () => this.read(manager)));
  }

  private freshnessOf(reading: Reading): Freshness {
    return {
      checkpoint: reading.checkpoint,
      epoch: reading.epoch,
      lagSeconds:
        reading.timestampMs === null ? null : Math.max(0, (Date.now() - reading.timestampMs) / 1000),
    };
  }

  private readShared(): Promise<Reading> {
    if (this.inFlight === undefined) {
      const generation = this.generation;
      this.inFlight = this.read(this.dataSource.manager)
        .catch((): Reading => ({ checkpoint: null, epoch: null, timestampMs: null }))
        .then((reading) => {
          if (generation === this.generation && reading.checkpoint !== null) {
            this.kept = reading;
          }
          return reading;
        })
        .finally(() => {
          this.inFlight = undefined;
        });
    }
    return this.inFlight;
  }

  private async read(manager: EntityManager): Promise<Reading> {
    const [row] = await manager.query<
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
      timestampMs:
        row?.timestamp_ms === undefined || row.timestamp_ms === null ? null : Number(row.timestamp_ms),
    };
  }
}
