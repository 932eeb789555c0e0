import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { DatabaseControl } from 'src/database/database-control';

/** How far the replica this process reads is behind its primary. */
export interface ReplicaStatus {
  /** Seconds the replica's replay is behind; 0 when it has replayed all it knows of; null if unknown. */
  readonly lagSeconds: number | null;
  /** WAL bytes the primary has written that the replica has not replayed; null without the primary's URL. */
  readonly lagBytes: bigint | null;
  /** Past the configured bound (or unknown): answers may be older than `maxLagSeconds`. */
  readonly behind: boolean;
  readonly maxLagSeconds: number;
}

/** A reading is reused this long: `_meta` and `/health` may ask on every request. */
const READING_TTL_MS = 1000;

/** `X/Y` (a PostgreSQL LSN) as a byte position. */
export function lsnPosition(lsn: string): bigint {
  const [high, low] = lsn.split('/');
  return (BigInt(`0x${high ?? '0'}`) << 32n) + BigInt(`0x${low ?? '0'}`);
}

/**
 * Measures the replica's lag, on the control pool (a busy API does not delay it): against the
 * primary's current WAL position when its URL is configured, else against what the replica has
 * received. Caught up, the lag is 0 however long ago the last write was; behind, it is the age of
 * the last transaction replayed.
 */
@Injectable()
export class ReplicaLag implements OnApplicationShutdown {
  private primary: Pool | undefined;
  private last: { readonly at: number; readonly status: Promise<ReplicaStatus> } | undefined;

  constructor(
    private readonly control: DatabaseControl,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The replica's status; undefined when this process does not read a replica. */
  status(now = Date.now()): Promise<ReplicaStatus> | undefined {
    const database = this.config.database;
    if (database.kind !== 'replica') {
      return undefined;
    }
    if (this.last === undefined || now - this.last.at > READING_TTL_MS) {
      this.last = { at: now, status: this.measure(database.maxLagSeconds, database.primaryUrl) };
    }
    return this.last.status;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.primary?.end();
  }

  private async measure(maxLagSeconds: number, primaryUrl: string | undefined): Promise<ReplicaStatus> {
    const unknown: ReplicaStatus = { lagSeconds: null, lagBytes: null, behind: true, maxLagSeconds };
    try {
      const [replica] = await this.control.read<{
        recovery: boolean;
        replayed: string | null;
        received: string | null;
        since_replay: number | null;
      }>(
        `SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replayed,
                pg_last_wal_receive_lsn()::text AS received,
                extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since_replay`,
      );
      if (replica === undefined) {
        return unknown;
      }
      if (!replica.recovery) {
        // Not a replica after all (a promoted one, or a primary named as such): nothing to lag behind.
        return { lagSeconds: 0, lagBytes: 0n, behind: false, maxLagSeconds };
      }
      const replayed = replica.replayed === null ? null : lsnPosition(replica.replayed);
      const target = await this.primaryPosition(primaryUrl).catch(() => undefined);
      const reference = target ?? (replica.received === null ? null : lsnPosition(replica.received));
      const lagBytes =
        replayed === null || reference === null ? null : reference > replayed ? reference - replayed : 0n;
      const lagSeconds =
        lagBytes === 0n ? 0 : replica.since_replay === null ? null : Math.max(0, replica.since_replay);
      return {
        lagSeconds,
        lagBytes: target === undefined ? null : lagBytes,
        behind: lagSeconds === null || lagSeconds > maxLagSeconds,
        maxLagSeconds,
      };
    } catch {
      return unknown;
    }
  }

  private async primaryPosition(primaryUrl: string | undefined): Promise<bigint | undefined> {
    if (primaryUrl === undefined) {
      return undefined;
    }
    if (this.primary === undefined) {
      this.primary = new Pool({ connectionString: primaryUrl, max: 1, connectionTimeoutMillis: 2000 });
      // A broken idle connection is dropped by the pool; the next reading reconnects.
      this.primary.on('error', () => undefined);
    }
    const { rows } = await this.primary.query<{ current: string }>(
      'SELECT pg_current_wal_lsn()::text AS current',
    );
    return rows[0] === undefined ? undefined : lsnPosition(rows[0].current);
  }
}
