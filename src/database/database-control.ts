import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';

/**
 * A pool of its own, apart from the one queries run on, for the two things that must get through
 * when that pool is full: cancelling a statement past its deadline and the health check's ping.
 * A busy API then neither delays its own cancellations nor looks like a database that is down.
 */
@Injectable()
export class DatabaseControl implements OnApplicationShutdown {
  private pool: Pool | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** Asks PostgreSQL to cancel what backend `pid` is running (`pg_cancel_backend`). */
  async cancel(pid: number): Promise<boolean> {
    const result = await this.connections().query<{ cancelled: boolean }>(
      'SELECT pg_cancel_backend($1) AS cancelled',
      [pid],
    );
    return result.rows[0]?.cancelled === true;
  }

  /** Runs a small query of its own (replication status, say) apart from the busy pool. */
  async read<T extends Record<string, unknown>>(sql: string): Promise<T[]> {
    return (await this.connections().query<T>(sql)).rows;
  }

  /** Resolves when the database answers a trivial query within `timeoutMs`; rejects otherwise. */
  async ping(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error(`the database did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      await Promise.race([this.connections().query('SELECT 1'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.end();
  }

  private connections(): Pool {
    if (this.pool === undefined) {
      const options = this.dataSource.options as { url?: string };
      this.pool = new Pool({
        connectionString: options.url,
        max: 2,
        idleTimeoutMillis: 30_000,
        connectionTimeoutMillis: 5000,
        statement_timeout: 5000,
      });
      // An idle connection that breaks is dropped by the pool; nothing else to do about it here.
      this.pool.on('error', () => undefined);
    }
    return this.pool;
  }
}
