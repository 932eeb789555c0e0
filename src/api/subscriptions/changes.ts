/**
 * Polls `read` and yields each value whose fingerprint differs from the last one yielded; closing
 * the subscription stops the polling at once.
 */
export function changes<T>(
  read: () => Promise<T | undefined>,
  key: (value: T) => string,
  intervalMs: number,
): AsyncIterableIterator<T> {
  let last: string | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (!closed) {
        const value = await read();
        if (value !== undefined && key(value) !== last) {
          last = key(value);
          return { value, done: false };
        }
        await new Promise((resolve) => {
          timer = setTimeout(resolve, intervalMs);
        });
      }
      return { value: undefined, done: true };
    },
    return(): Promise<IteratorResult<T>> {
      closed = true;
      clearTimeout(timer);
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
