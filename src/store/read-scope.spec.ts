import { readOnce, withReadScope } from 'src/store/read-scope';

describe('read scopes', () => {
  it('read a key once within a scope, however the readers interleave', async () => {
    let reads = 0;
    const read = async () => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return reads;
    };
    const values = await withReadScope(async () => {
      const first = readOnce('state', read);
      await new Promise((resolve) => setImmediate(resolve));
      const [second, third] = await Promise.all([readOnce('state', read), readOnce('state', read)]);
      return [await first, second, third];
    });
    expect(values).toEqual([1, 1, 1]);
    expect(reads).toBe(1);
  });

  it('read afresh in another scope, for another key, and outside any scope', async () => {
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    await withReadScope(() => readOnce('a', read));
    await withReadScope(async () => {
      await readOnce('a', read);
      await readOnce('b', read);
    });
    await readOnce('a', read);
    await readOnce('a', read);
    expect(reads).toBe(5);
  });
});
