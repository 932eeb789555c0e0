import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { DatabaseControl } from 'src/database/database-control';

/** Raised by every read of a session whose deadline has passed. */
export class DeadlineExceededError extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the request ran past its deadline of ${deadlineMs} ms and its database work was cancelled`);
    this.name = 'DeadlineExceededError';
  }
}

type Query = QueryRunner['query'];

/** SQLSTATE of a statement cancelled by `statement_timeout` or `pg_cancel_backend`. */
const QUERY_CANCELED = '57014';

/**
 * A statement without parameters that every request of a kind reads first, sent with the
 * transaction's beginning in one round trip; its rows are kept under `key`.
 */
export interface OpeningRead {
  readonly key: string;
  readonly sql: string;
}

/** The PostgreSQL driver's connection, as far as a multi-statement query needs it. */
interface DriverConnection {
  query(text: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
}

/**
 * Every read of one request, on one connection, in one `REPEATABLE READ READ ONLY` transaction:
 * all the request's answers (and the `_meta` beside them) come from the same snapshot, which on a
 * streaming replica is otherwise not the case from one statement to the next.
 *
 * The connection is taken at the first read, so a request answered without the database holds
 * none. The session has a deadline: when it passes, the statement running is cancelled
 * (`pg_cancel_backend`, through `DatabaseControl`'s own pool), every read in progress or to come
 * fails at once with `DeadlineExceededError`, and the connection goes back to the pool once
 * PostgreSQL has stopped. `statement_timeout` is set to the same deadline, as a second guard
 * should this process be too busy to fire its timer.
 */
export class ReadSession {
  private runner: QueryRunner | undefined;
  /** The runner's own `query`, which the session's reads go through once they are admitted. */
  private query: Query | undefined;
  private inTransaction = false;
  /** The last statement sent: the next one waits for it. */
  private queue: Promise<unknown> = Promise.resolve();
  private begun: Promise<void> | undefined;
  private pid: number | undefined;
  /** Statements sent to PostgreSQL and not yet answered. */
  private readonly running = new Set<Promise<unknown>>();
  private readonly deadlineAt: number;
  private readonly timer: NodeJS.Timeout;
  private readonly expiry: Promise<never>;
  private rejectExpiry: ((error: Error) => void) | undefined;
  private expiredFlag = false;
  /** Made on first use: an abort builds a DOMException, too dear to pay on every request. */
  private ended: AbortController | undefined;
  private closing: Promise<void> | undefined;
  private openingRowsRead: unknown[] | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly control: DatabaseControl,
    readonly deadlineMs: number,
    private readonly onCancelled: () => void = () => undefined,
    private readonly opening?: OpeningRead,
  ) {
    this.deadlineAt = Date.now() + deadlineMs;
    this.expiry = new Promise<never>((_, reject) => {
      this.rejectExpiry = reject;
    });
    // Nobody may be reading when the deadline passes.
    this.expiry.catch(() => undefined);
    this.timer = setTimeout(() => {
      void this.expire();
    }, deadlineMs);
  }

  /** True once the deadline has passed. */
  get expired(): boolean {
    return this.expiredFlag;
  }

  /** Aborted when the deadline passes or the request ends: for waits that must not outlive either. */
  get signal(): AbortSignal {
    this.ended ??= new AbortController();
    if (this.expiredFlag || this.closing !== undefined) {
      this.ended.abort();
    }
    return this.ended.signal;
  }

  /** Whether this session has read anything yet (and so holds a snapshot). */
  get started(): boolean {
    return this.begun !== undefined;
  }

  /** The manager every read of the request goes through. */
  get manager(): EntityManager {
    return this.sessionRunner().manager;
  }

  /** The session's query runner, made at first use with its `query` routed through the session. */
  private sessionRunner(): QueryRunner {
    if (this.runner === undefined) {
      const runner = this.dataSource.createQueryRunner('slave');
      const query: Query = runner.query.bind(runner);
      this.query = query;
      runner.query = ((...args: Parameters<Query>) => this.read(query, args)) as Query;
      this.runner = runner;
    }
    return this.runner;
  }

  /**
   * The rows of the opening read named `key`, read with the transaction's beginning (which this
   * starts, if no read has yet); undefined when the session has no such opening read.
   */
  openingRows(key: string): Promise<unknown[]> | undefined {
    if (this.opening?.key !== key) {
      return undefined;
    }
    this.sessionRunner();
    const query = this.query;
    if (query === undefined) {
      return undefined;
    }
    if (this.closing !== undefined) {
      return Promise.reject(new Error('the request has ended; its read session is closed'));
    }
    this.begun ??= this.track(this.begin(query));
    return this.withinDeadline(this.begun).then(() => this.openingRowsRead ?? []);
  }

  /** Ends the transaction and returns the connection; a statement still running is cancelled first. */
  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async read(query: Query, args: Parameters<Query>): Promise<unknown> {
    if (this.expiredFlag) {
      throw new DeadlineExceededError(this.deadlineMs);
    }
    if (this.closing !== undefined) {
      throw new Error('the request has ended; its read session is closed');
    }
    this.begun ??= this.track(this.begin(query));
    await this.withinDeadline(this.begun);
    const statement = this.inTurn(() => {
      // Its turn may come after the deadline or the end of the request: then it is not sent.
      if (this.expiredFlag) {
        throw new DeadlineExceededError(this.deadlineMs);
      }
      if (this.closing !== undefined) {
        throw new Error('the request has ended; its read session is closed');
      }
      return query(...args);
    });
    return this.withinDeadline(this.track(statement));
  }

  /**
   * `work`, or the deadline's error if it passes first. PostgreSQL's own cancellation (SQLSTATE
   * 57014: the statement timeout, or the cancel sent at the deadline) is the deadline too: under
   * load the server's timer can fire before this process gets to run its own.
   */
  private withinDeadline<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.expiry]).catch((error: unknown) => {
      if ((error as { code?: unknown } | null)?.code === QUERY_CANCELED) {
        void this.expire();
        throw new DeadlineExceededError(this.deadlineMs);
      }
      throw error;
    });
  }

  /**
   * Runs `statement` after those sent before it: a request's resolvers read in parallel, but one
   * connection runs one statement at a time, and pg wants its client's queries awaited in turn.
   */
  private inTurn<T>(statement: () => Promise<T>): Promise<T> {
    const result = this.queue.then(statement, statement);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async begin(query: Query): Promise<void> {
    const remainingMs = Math.max(1, Math.floor(this.deadlineAt - Date.now()));
    // In one round trip (the simple protocol carries several statements when they have no
    // parameters; the timeout is an integer written in), with the opening read if there is one:
    // every wait on the database is a turn of the event loop that a busy API spends on other
    // requests first. Marked as in a transaction before it is sent, so that whatever happens the
    // connection is rolled back before reuse.
    this.inTransaction = true;
    const beginning = `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL statement_timeout = ${remainingMs}`;
    const runner = this.sessionRunner();
    // The connection first, so that the server process is known (to cancel it) before anything
    // is sent that could wait.
    const connection = (await runner.connect()) as DriverConnection;
    this.pid = backendPidOf(runner);
    if (this.opening === undefined) {
      await query(beginning);
    } else {
      // Through the driver itself: TypeORM keeps only a single statement's rows.
      const results = await connection.query(`${beginning}; ${this.opening.sql}`);
      this.openingRowsRead = (Array.isArray(results) ? results.at(-1) : results)?.rows ?? [];
    }
    this.pid ??= await this.backendPid(query);
  }

  private async backendPid(query: Query): Promise<number | undefined> {
    const rows = (await query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
    return rows[0]?.pid;
  }

  private track<T>(statement: Promise<T>): Promise<T> {
    this.running.add(statement);
    void statement
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(statement);
      });
    return statement;
  }

  private async expire(): Promise<void> {
    if (this.closing !== undefined || this.expiredFlag) {
      return;
    }
    this.expiredFlag = true;
    this.rejectExpiry?.(new DeadlineExceededError(this.deadlineMs));
    this.ended?.abort();
    await this.cancelRunning();
  }

  private async cancelRunning(): Promise<void> {
    if (this.running.size > 0 && this.pid !== undefined) {
      const cancelled = await this.control.cancel(this.pid).catch(() => false);
      if (cancelled) {
        this.onCancelled();
      }
    }
  }

  private async finish(): Promise<void> {
    clearTimeout(this.timer);
    this.ended?.abort();
    const runner = this.runner;
    const query = this.query;
    if (runner === undefined || query === undefined) {
      return;
    }
    // A client that went away leaves its statements running: stop them rather than wait.
    await this.cancelRunning();
    await this.begun?.catch(() => undefined);
    while (this.running.size > 0) {
      await Promise.allSettled([...this.running]);
    }
    if (!this.inTransaction) {
      await runner.release();
      return;
    }
    try {
      await query('ROLLBACK');
      await runner.release();
    } catch (error) {
      // A connection that cannot end its transaction is not given back to the pool: released with
      // the error, pg's pool closes it. (TypeORM's method for that is not part of its typed API.)
      const destroyable = runner as unknown as { releasePostgresConnection(error: Error): Promise<void> };
      await destroyable.releasePostgresConnection(error as Error);
    }
  }
}

/**
 * The server process behind a connected query runner, as the PostgreSQL driver learnt it when it
 * connected (the backend key data): `pg_cancel_backend` needs it.
 */
function backendPidOf(runner: QueryRunner | undefined): number | undefined {
  const connection = (runner as { databaseConnection?: { processID?: unknown } } | undefined)
    ?.databaseConnection;
  return typeof connection?.processID === 'number' ? connection.processID : undefined;
}
