import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { ReadSession } from 'src/database/read-session';

interface Scope {
  readonly memo: Map<string, Promise<unknown>>;
  readonly session: ReadSession | undefined;
}

const scope = new AsyncLocalStorage<Scope>();

/**
 * Runs `fn` as one unit of reading (an API request, a metrics scrape): within it, a value read
 * through `readOnce` is read from the database once and shared by every resolver and service
 * that asks, however they interleave. With a `session`, every read made through `readManager`
 * goes through it: one connection, one snapshot, one deadline.
 */
export function withReadScope<T>(fn: () => T, session?: ReadSession): T {
  return scope.run({ memo: new Map(), session }, fn);
}

/** The read session of the current scope, if it has one. */
export function currentReadSession(): ReadSession | undefined {
  return scope.getStore()?.session;
}

/** Where the current unit of reading reads: its session's manager, or else the pool's. */
export function readManager(dataSource: DataSource): EntityManager {
  return scope.getStore()?.session?.manager ?? dataSource.manager;
}

/** `read()`, once per read scope and key; outside a scope, every call reads. */
export function readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = scope.getStore()?.memo;
  if (memo === undefined) {
    return read();
  }
  let value = memo.get(key) as Promise<T> | undefined;
  if (value === undefined) {
    value = read();
    memo.set(key, value);
  }
  return value;
}
