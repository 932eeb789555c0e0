import { ResponseCache } from 'src/api/response-cache';

describe('ResponseCache', () => {
  it('serves an answer only at the checkpoint it was computed at, and drops everything when it moves on', () => {
    const cache = new ResponseCache();
    const key = ResponseCache.key(undefined, '{ network { epoch } }', {});
    expect(cache.lookup(key, '10')).toBeUndefined();
    cache.store(key, '10', { network: { epoch: 1 } });
    expect(cache.lookup(key, '10')?.toString()).toBe('{"network":{"epoch":1}}');
    expect(cache.lookup(key, '11')).toBeUndefined();
    expect(cache.answered(key, '10')).toBe(false);
  });

  it('never moves back: an older snapshot neither clears newer answers nor stores its own', () => {
    const cache = new ResponseCache();
    const key = ResponseCache.key(undefined, '{ a }', {});
    cache.lookup(key, '20');
    cache.store(key, '20', { a: 20 });
    expect(cache.lookup(key, '19')).toBeUndefined();
    cache.store(ResponseCache.key(undefined, '{ b }', {}), '19', { b: 19 });
    expect(cache.answered(ResponseCache.key(undefined, '{ b }', {}), '19')).toBe(false);
    expect(cache.lookup(key, '20')?.toString()).toBe('{"a":20}');
  });
});
