import type { EntityManager } from 'typeorm';
import { INDEXED_CHANNEL } from 'src/database/index-notifications';

export interface Watermark {
  readonly pipeline: string;
  /** Last checkpoint written; -1 before the first. */
  readonly checkpoint: bigint;
  readonly timestampMs: number | null;
  readonly error: string | null;
  readonly errorCheckpoint: bigint | null;
}

interface WatermarkRecord {
  pipeline: string;
  checkpoint_hi_inclusive: string;
  timestamp_ms_hi_inclusive: string | null;
  error: string | null;
  error_checkpoint: string | null;
}

/** Thrown inside a batch when another indexer has taken over: the batch must not commit. */
export class LeaseLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LeaseLostError';
  }
}

/** Pipeline watermarks and the writer's lease. */
export const WatermarkRepository = {
  /** The watermarks of `pipelines`, creating missing ones at `startAfter` (-1: before genesis). */
  async ensure(
    manager: EntityManager,
    pipelines: readonly string[],
    startAfter = -1n,
  ): Promise<Map<string, Watermark>> {
    await manager.query(
      `INSERT INTO pipeline_watermark (pipeline, checkpoint_hi_inclusive)
       SELECT unnest($1::text[]), $2 ON CONFLICT (pipeline) DO NOTHING`,
      [pipelines, startAfter.toString()],
    );
    const rows: WatermarkRecord[] = await manager.query(
      'SELECT * FROM pipeline_watermark WHERE pipeline = ANY($1::text[])',
      [pipelines],
    );
    return new Map(rows.map((row) => [row.pipeline, toWatermark(row)]));
  },

  async all(manager: EntityManager): Promise<Watermark[]> {
    const rows: WatermarkRecord[] = await manager.query('SELECT * FROM pipeline_watermark ORDER BY pipeline');
    return rows.map(toWatermark);
  },

  /**
   * Moves a watermark forward inside the batch's transaction. Only a forward move by the current
   * writer succeeds; anything else means another indexer took over.
   */
  async advance(
    manager: EntityManager,
    pipeline: string,
    checkpoint: bigint,
    timestampMs: number,
  ): Promise<void> {
    const result: [unknown[], number] = await manager.query(
      `UPDATE pipeline_watermark
       SET checkpoint_hi_inclusive = $2, timestamp_ms_hi_inclusive = $3, updated_at = now(), error = NULL, error_checkpoint = NULL
       WHERE pipeline = $1 AND checkpoint_hi_inclusive < $2`,
      [pipeline, checkpoint.toString(), timestampMs],
    );
    if (result[1] !== 1) {
      throw new LeaseLostError(
        `the watermark of ${pipeline} moved under this indexer: another writer is active`,
      );
    }
    // Delivered when this transaction commits: readers learn the rows are there exactly then.
    await manager.query('SELECT pg_notify($1, $2)', [INDEXED_CHANNEL, `${pipeline}:${checkpoint}`]);
  },

  /** Records why a pipeline stopped; its checkpoint stays where it was. */
  async recordError(
    manager: EntityManager,
    pipeline: string,
    checkpoint: bigint,
    message: string,
  ): Promise<void> {
    await manager.query(
      'UPDATE pipeline_watermark SET error = $2, error_checkpoint = $3, updated_at = now() WHERE pipeline = $1',
      [pipeline, message, checkpoint.toString()],
    );
  },

  /** Starts a new writer term; returns it. */
  async takeLease(manager: EntityManager, holder: string): Promise<bigint> {
    const [row] = await manager.query<{ term: string }[]>(
      `INSERT INTO indexer_lease (id, term, holder, acquired_at) VALUES (1, 1, $1, now())
       ON CONFLICT (id) DO UPDATE SET term = indexer_lease.term + 1, holder = EXCLUDED.holder, acquired_at = now()
       RETURNING term`,
      [holder],
    );
    if (row === undefined) {
      throw new Error('the indexer lease could not be taken');
    }
    return BigInt(row.term);
  },

  /**
   * Holds the lease row in share mode for the rest of the transaction and checks the term: a new
   * writer's takeover waits for this batch, and this batch fails if the takeover came first.
   */
  async assertLease(manager: EntityManager, term: bigint): Promise<void> {
    const [row] = await manager.query<
      {
        term: string;
      }[]
    >('SELECT term FROM indexer_lease WHERE id = 1 FOR SHARE');
    if (row === undefined || BigInt(row.term) !== term) {
      throw new LeaseLostError(`indexer term ${term} ended: another indexer took over`);
    }
  },
};

function toWatermark(row: WatermarkRecord): Watermark {
  return {
    pipeline: row.pipeline,
    checkpoint: BigInt(row.checkpoint_hi_inclusive),
    timestampMs: row.timestamp_ms_hi_inclusive === null ? null : Number(row.timestamp_ms_hi_inclusive),
    error: row.error,
    errorCheckpoint: row.error_checkpoint === null ? null : BigInt(row.error_checkpoint),
  };
}
