import { setBounded } from 'src/common/bounded-map';

describe('setBounded', () => {
  it('keeps the latest entries up to the bound, dropping the oldest first', () => {
    const map = new Map<string, number>();
    for (const [index, key] of ['a', 'b', 'c', 'd'].entries()) {
      setBounded(map, key, index, 3);
    }
    expect([...map]).toEqual([
      ['b', 1],
      ['c', 2],
      ['d', 3],
    ]);
  });

  it('counts a key set again as new, and keeps nothing at a bound of 0', () => {
    const map = new Map([
      ['a', 0],
      ['b', 1],
    ]);
    map.delete('a');
    setBounded(map, 'a', 2, 2);
    setBounded(map, 'c', 3, 2);
    expect([...map.keys()]).toEqual(['a', 'c']);
    setBounded(map, 'd', 4, 0);
    expect(map.size).toBe(0);
  });
});
