import { RecentEpochs } from 'src/devnet/recent-epochs';

describe('RecentEpochs', () => {
  it('keeps the latest epochs only, and everything while there are fewer', () => {
    const starts = new RecentEpochs<number>(3);
    starts.set(1, 10).set(2, 20);
    expect([...starts.keys()]).toEqual([1, 2]);
    starts.set(3, 30).set(4, 40).set(5, 50);
    expect([...starts.entries()]).toEqual([
      [3, 30],
      [4, 40],
      [5, 50],
    ]);
    expect(starts.get(2)).toBeUndefined();
  });

  it('updates a kept epoch in place', () => {
    const paid = new RecentEpochs<bigint>(2);
    paid.set(7, 1n).set(8, 2n).set(7, 5n);
    expect(paid.get(7)).toBe(5n);
    expect(paid.size).toBe(2);
  });
});
