import { AsyncLocalStorage } from 'node:async_hooks';

const scope = new AsyncLocalStorage<Map<string, Promise<unknown>>>();

/**
 * Runs `fn` as one unit of reading (an API request, a metrics scrape): within it, a value read
 * through `readOnce` is read from the database once and shared by every resolver and service
 * that asks, however they interleave.
 */
export function withReadScope<T>(fn: () => T): T {
  return scope.run(new Map(), fn);
}

/** `read()`, once per read scope and key; outside a scope, every call reads. */
export function readOnce<T>(key: string, read: () => Promise<T>): Promise<T> {
  const memo = scope.getStore();
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
