import { entityTagOf, keyedRequestOf, matchesEntityTag } from 'src/api/http-caching';

const get = (parameters: Record<string, string>) => keyedRequestOf('GET', parameters)?.key;

describe('HTTP caching of GraphQL answers', () => {
  it('tags an answer by its checkpoint and request: a new checkpoint or another request is another tag', () => {
    const key = get({ query: '{ network { epoch } }' }) ?? '';
    const tag = entityTagOf('100', key);
    expect(tag).toMatch(/^W\/"100-[\w-]{22}"$/);
    expect(entityTagOf('101', key)).not.toBe(tag);
    expect(entityTagOf('100', get({ query: '{ network { state } }' }) ?? '')).not.toBe(tag);
  });

  it('compares If-None-Match weakly, in lists and with *', () => {
    const tag = 'W/"7-abc"';
    expect(matchesEntityTag('W/"7-abc"', tag)).toBe(true);
    expect(matchesEntityTag('"7-abc"', tag)).toBe(true);
    expect(matchesEntityTag('W/"6-abc", W/"7-abc"', tag)).toBe(true);
    expect(matchesEntityTag('*', tag)).toBe(true);
    expect(matchesEntityTag('W/"6-abc"', tag)).toBe(false);
    expect(matchesEntityTag(undefined, tag)).toBe(false);
  });

  it('keys a GET and a POST of the same request alike, and a persisted query by its hash', () => {
    const variables = { epoch: 3 };
    const query = 'query ($epoch: Int) { committee(epoch: $epoch) { epoch } }';
    const fromGet = get({ query, variables: JSON.stringify(variables) });
    const fromPost = keyedRequestOf('POST', { query, variables })?.key;
    expect(fromGet).toBeDefined();
    expect(fromGet).toBe(fromPost);
    const hash = 'a'.repeat(64);
    const persisted = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });
    expect(get({ extensions: persisted })).toContain(`sha256:${hash}`);
  });

  it('has no key for what is not a well-formed request (Apollo answers it with its own error)', () => {
    expect(get({ query: '{ a }', variables: '{not json' })).toBeUndefined();
    expect(get({})).toBeUndefined();
    expect(get({ query: '{ a }', extensions: '[' })).toBeUndefined();
  });
});
