import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';

/** The channel the indexer notifies on each watermark it commits. */
export const INDEXED_CHANNEL = 'tusk_indexed';

const RECONNECT_MS = 2000;

/**
 * Tells readers when the indexer committed, through PostgreSQL `LISTEN`/`NOTIFY`: the indexer
 * notifies in the transaction that moves a watermark, so a notification arrives exactly when the
 * rows are visible, in every process on the database. Readers can then keep what they read until
 * told otherwise instead of polling. While the listening connection is down, `connected` is false
 * and readers fall back to reading every time.
 *
 * A streaming replica carries no notifications (`LISTEN` is refused in recovery), so against one
 * the watermarks are read every `pollMs` instead, and a change of any of them is the notification:
 * it too arrives once the rows are visible, on that replica.
 */
@Injectable()
export class IndexNotifications implements OnApplicationShutdown {
  private readonly logger = new Logger(IndexNotifications.name);
  private readonly listeners = new Set<() => void>();
  private client: Client | undefined;
  private connecting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private polled: string | undefined;
  private polling = false;
  private pollFailed = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** True while notifications are being received. */
  get connected(): boolean {
    return this.config.database.kind === 'replica'
      ? this.timer !== undefined && this.polled !== undefined && !this.pollFailed
      : this.client !== undefined;
  }

  /** Calls `listener` after every commit of the indexer; returns the unsubscribe. */
  onIndexed(listener: () => void): () => void {
    this.listeners.add(listener);
    this.ensureConnected();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Starts listening if nobody asked yet; readers call it before relying on `connected`. */
  ensureConnected(): void {
    const database = this.config.database;
    if (database.kind === 'replica') {
      if (!this.closed && this.timer === undefined) {
        this.timer = setInterval(() => {
          void this.poll();
        }, database.pollMs);
        void this.poll();
      }
      return;
    }
    if (this.closed || this.client !== undefined || this.connecting !== undefined) {
      return;
    }
    this.connecting = this.connect().finally(() => {
      this.connecting = undefined;
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      clearInterval(this.timer);
      this.timer = undefined;
    }
    await this.connecting;
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url });
    const lost = (reason: string) => {
      if (this.client === client) {
        this.client = undefined;
        this.logger.warn(
          `stopped receiving index notifications (${reason}); reading on every request until back`,
        );
        // Whatever a reader kept may be stale now.
        this.notifyAll();
        this.scheduleReconnect();
      }
    };
    client.on('error', (error: Error) => {
      lost(error.message);
    });
    client.on('end', () => {
      lost('connection closed');
    });
    client.on('notification', () => {
      this.notifyAll();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${INDEXED_CHANNEL}`);
      if (this.closed) {
        await client.end();
        return;
      }
      this.client = client;
      // Something may have been committed before the LISTEN took effect.
      this.notifyAll();
    } catch {
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  /** One reading of the watermarks on the replica; listeners hear of any change. */
  private async poll(): Promise<void> {
    if (this.polling || this.closed) {
      return;
    }
    this.polling = true;
    try {
      const [row] = await this.dataSource.query<{ marks: string | null }[]>(
        `SELECT string_agg(pipeline || ':' || checkpoint_hi_inclusive, ',' ORDER BY pipeline) AS marks
         FROM pipeline_watermark`,
      );
      const marks = row?.marks ?? '';
      const changed = marks !== this.polled || this.pollFailed;
      this.polled = marks;
      this.pollFailed = false;
      if (changed) {
        this.notifyAll();
      }
    } catch (error) {
      if (!this.pollFailed) {
        this.logger.warn(
          `cannot read the watermarks on the replica (${error instanceof Error ? error.message : String(error)}); reading on every request until back`,
        );
      }
      this.pollFailed = true;
      this.notifyAll();
    } finally {
      this.polling = false;
    }
  }

  private scheduleReconnect(): void {
    if (this.closed || this.timer !== undefined) {
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.ensureConnected();
    }, RECONNECT_MS);
  }

  private notifyAll(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}
