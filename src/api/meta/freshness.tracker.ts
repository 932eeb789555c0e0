import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { DataSource, type EntityManager } from 'typeorm';
import { currentReadSession, readOnce } from 'src/store/read-scope';
import type { OpeningRead } from 'src/database/read-session';
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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
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
    return this.freshnessOf(
      await readOnce('freshness:snapshot', async () => {
        // Read with the session's beginning when it opens with this read (one round trip fewer).
        const opened = currentReadSession()?.openingRows(FRESHNESS_OPENING_READ.key);
        return opened === undefined ? this.read(manager) : readingOf((await opened) as FreshnessRow[]);
      }),
    );
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
      this.inFlight = this.readWithin(this.config.api.requestDeadlineMs)
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

  /**
   * A reading outside any request's snapshot, within `deadlineMs`: it is shared by the requests
   * that wait on it, none of which may wait past its own deadline (a lock on a table it reads,
   * say, would otherwise hold them all).
   */
  private readWithin(deadlineMs: number): Promise<Reading> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(deadlineMs))}`);
      return this.read(manager);
    });
  }

  private async read(manager: EntityManager): Promise<Reading> {
    return readingOf(await manager.query<FreshnessRow[]>(FRESHNESS_SQL));
  }
}

interface FreshnessRow {
  readonly checkpoint: string | null;
  readonly timestamp_ms: string | null;
  readonly epoch: number | null;
}

/**
 * The slowest pipeline's watermark and the latest epoch. Without parameters (the pipelines' names,
 * fixed in the code, are written in) so that a read session can send it with its beginning.
 */
const FRESHNESS_SQL = `SELECT slowest.checkpoint, slowest.timestamp_ms, (SELECT max(epoch) FROM staking_state) AS epoch
  FROM (SELECT checkpoint_hi_inclusive AS checkpoint, timestamp_ms_hi_inclusive AS timestamp_ms
        FROM pipeline_watermark WHERE pipeline IN (${PIPELINE_NAMES.map((name) => `'${name}'`).join(', ')})
        ORDER BY checkpoint_hi_inclusive LIMIT 1) AS slowest`;

/** The freshness read every GraphQL request makes first: what its read session opens with. */
export const FRESHNESS_OPENING_READ: OpeningRead = { key: 'freshness', sql: FRESHNESS_SQL };

function readingOf(rows: readonly FreshnessRow[]): Reading {
  const row = rows[0];
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
