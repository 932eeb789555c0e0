import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  StakingStateRepository,
  type StakingStateRow,
} from 'src/store/staking-state/staking-state.repository';
import { IndexNotifications } from 'src/database/index-notifications';

/** How often the feed reads the staking state while anyone listens and notifications are down. */
const POLL_MS = 250;
/** With notifications, a read this often anyway, should one be missed. */
const SAFETY_POLL_MS = 5000;

type Listener = (previous: StakingStateRow | undefined, current: StakingStateRow) => void;

/**
 * Changes of the indexed staking state, for subscriptions. The API reads only Postgres: while
 * subscribers exist, the feed reads the latest `staking_state` row (one indexed read) each time
 * the indexer notifies a commit (polling instead while notifications are down) and tells each
 * subscriber about every new version.
 */
@Injectable()
export class StakingStateFeed implements OnApplicationShutdown {
  private readonly listeners = new Set<Listener>();
  private timer: NodeJS.Timeout | undefined;
  private last: StakingStateRow | undefined;
  private polling = false;
  /** A read was asked for while one ran: run once more after it. */
  private again = false;
  private lastReadMs = 0;
  private stopNotifications: (() => void) | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: IndexNotifications,
  ) {}

  /** Calls `listener` with each new version of the staking state; returns the unsubscribe. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    this.stopNotifications ??= this.notifications.onIndexed(() => {
      void this.poll();
    });
    this.timer ??= setInterval(() => {
      if (!this.notifications.connected || Date.now() - this.lastReadMs >= SAFETY_POLL_MS) {
        void this.poll();
      }
    }, POLL_MS);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.stop();
        // Idle, the feed stops reading: its last state would be stale for the next subscriber.
        this.last = undefined;
      }
    };
  }

  private stop(): void {
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    this.stopNotifications?.();
    this.stopNotifications = undefined;
  }

  onApplicationShutdown(): void {
    this.listeners.clear();
    this.stop();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return;
    }
    this.polling = true;
    this.lastReadMs = Date.now();
    try {
      const current = await StakingStateRepository.stakingState(this.dataSource.manager);
      if (
        current === undefined ||
        (this.last !== undefined &&
          this.last.version === current.version &&
          this.last.epoch === current.epoch)
      ) {
        return;
      }
      const previous = this.last;
      this.last = current;
      for (const listener of this.listeners) {
        listener(previous, current);
      }
    } catch {
      // A failed read is retried at the next tick; subscribers see the change then.
    } finally {
      this.polling = false;
      if (this.again) {
        this.again = false;
        void this.poll();
      }
    }
  }
}

/**
 * An async iterator of the events `pick` derives from staking-state changes (undefined: no event),
 * in order; it stops listening when the client goes away.
 */
export function stakingStateEvents<T>(
  feed: StakingStateFeed,
  pick: (previous: StakingStateRow | undefined, current: StakingStateRow) => Promise<T | undefined>,
): AsyncIterableIterator<T> {
  const ready: T[] = [];
  let wake: (() => void) | undefined;
  let done = false;
  let chain = Promise.resolve();
  const unsubscribe = feed.listen((previous, current) => {
    // Events keep the order of the changes even when deriving one takes a query.
    chain = chain.then(async () => {
      const event = await pick(previous, current).catch(() => undefined);
      if (event !== undefined && !done) {
        ready.push(event);
        wake?.();
      }
    });
  });
  const finish = (): Promise<IteratorResult<T>> => {
    done = true;
    unsubscribe();
    wake?.();
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    async next(): Promise<IteratorResult<T>> {
      while (ready.length === 0 && !done) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      const value = ready.shift();
      return value === undefined ? { value: undefined, done: true } : { value, done: false };
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
