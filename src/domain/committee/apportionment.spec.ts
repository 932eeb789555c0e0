import fc from 'fast-check';
import { activeSetPriorities, dhondt, maxShardsPerNode } from 'src/domain/committee/apportionment';
import { DomainError } from 'src/domain/shared/domain.error';
import { loadMoveVectors } from 'test/support/move-vectors';

const vectors = loadMoveVectors();
const WAL = 1_000_000_000n;

/** Textbook D'Hondt from zero seats, one seat at a time, with the same cap and tie-breaks. */
function naiveDhondt(nShards: number, stakes: bigint[]): number[] {
  const cap = maxShardsPerNode(stakes.length, nShards);
  const priorities = activeSetPriorities(stakes.length);
  const seats = stakes.map(() => 0);
  for (let placed = 0; placed < nShards; placed++) {
    let best = -1;
    for (let i = 0; i < stakes.length; i++) {
      if (seats[i]! >= cap) {
        continue;
      }
      if (best < 0) {
        best = i;
        continue;
      }
      // Compare stake_i/(seats_i+1) with stake_best/(seats_best+1) exactly, by cross-multiplying.
      const left = stakes[i]! * BigInt(seats[best]! + 1);
      const right = stakes[best]! * BigInt(seats[i]! + 1);
      if (left > right || (left === right && priorities[i]! > priorities[best]!)) {
        best = i;
      }
    }
    seats[best] = seats[best]! + 1;
  }
  return seats;
}

describe("D'Hondt apportionment (staking_inner::dhondt)", () => {
  describe('matches every Move unit-test vector', () => {
    it.each(vectors.dhondt.map((v) => [v.nShards, v.stakes.join(','), v] as const))(
      '%d shards over stakes %s',
      (_n, _s, vector) => {
        expect(dhondt({ nShards: vector.nShards, stakes: vector.stakes.map(BigInt) })).toEqual(
          vector.expected,
        );
      },
    );

    it.each(vectors.dhondtAborts.map((v) => [v.abort, v] as const))('aborts with %s', (abortName, vector) => {
      const run = () => dhondt({ nShards: vector.nShards, stakes: vector.stakes.map(BigInt) });
      expect(run).toThrow(DomainError);
      expect(run).toThrow(abortName);
    });

    it.each(vectors.e2eCompute.map((v) => [v.nShards, v.stakesWal.join(','), v] as const))(
      'end-to-end compute: %d shards over %s WAL',
      (_n, _s, vector) => {
        const stakes = vector.stakesWal.map((wal) => BigInt(wal) * WAL);
        expect(dhondt({ nShards: vector.nShards, stakes })).toEqual(vector.expected);
      },
    );
  });

  describe('large committees from staking_inner_tests (stake split in basis points of 1e19)', () => {
    const total = 10_000_000_000_000_000_000n;
    const byBasisPoints = (groups: [count: number, bp: number][]) =>
      groups.flatMap(([count, bp]) => Array.from({ length: count }, () => (total * BigInt(bp)) / 10_000n));

    it('100 nodes: exactly the 10 large nodes get shards, 100 each', () => {
      const shards = dhondt({
        nShards: 1000,
        stakes: byBasisPoints([
          [5, 1250],
          [4, 733],
          [1, 728],
          [90, 1],
        ]),
      });
      expect(shards.filter((s) => s > 0)).toHaveLength(10);
      expect(shards.slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 100));
      expect(shards.reduce((a, b) => a + b, 0)).toBe(1000);
    });

    // The Move test asserts the member count and the sum. The forty 60-bp nodes tie: D'Hondt gives the
    // 7th shard to the ten earliest in the active set and 6 to the rest (14·50 + 7·10 + 6·30 + 5·10).
    it('1000 nodes: exactly 100 nodes get shards', () => {
      const shards = dhondt({
        nShards: 1000,
        stakes: byBasisPoints([
          [50, 125],
          [40, 60],
          [10, 45],
          [900, 1],
        ]),
      });
      expect(shards.filter((s) => s > 0)).toHaveLength(100);
      expect(new Set(shards.slice(0, 50))).toEqual(new Set([14]));
      expect(new Set(shards.slice(50, 60))).toEqual(new Set([7]));
      expect(new Set(shards.slice(60, 90))).toEqual(new Set([6]));
      expect(new Set(shards.slice(90, 100))).toEqual(new Set([5]));
    });
  });

  describe('the per-node shard cap', () => {
    it.each([
      [20, 1000, 100],
      [111, 1000, 100],
      [19, 1000, 106],
      [3, 1000, 667],
      [3, 5, 4],
      [1, 10, 20],
    ])('%d nodes, %d shards → at most %d each', (nodes, shards, cap) => {
      expect(maxShardsPerNode(nodes, shards)).toBe(cap);
    });

    it('refuses a cap that cannot place every shard, as the contract aborts popping an empty queue', () => {
      const run = () => dhondt({ nShards: 5, stakes: Array.from({ length: 25 }, () => 10n) });
      expect(run).toThrow('apportionment_queue::EPopFromEmptyHeap');
    });
  });

  it('refuses a total stake beyond u64, which the contract cannot sum', () => {
    expect(() => dhondt({ nShards: 10, stakes: [1n << 63n, 1n << 63n] })).toThrow('exceeds u64');
  });

  describe('properties', () => {
    const stakeArb = fc.bigInt({ min: 0n, max: 1n << 50n });
    const caseArb = fc.record({
      nShards: fc.integer({ min: 0, max: 1200 }),
      stakes: fc.array(stakeArb, { minLength: 1, maxLength: 40 }).filter((s) => s.some((x) => x > 0n)),
    });
    // Below that the contract aborts (covered above): every node at the cap leaves shards unplaced.
    const placeableArb = caseArb.filter(
      ({ nShards, stakes }) => maxShardsPerNode(stakes.length, nShards) * stakes.length >= nShards,
    );

    it('places exactly nShards shards and respects the cap', () => {
      fc.assert(
        fc.property(placeableArb, ({ nShards, stakes }) => {
          const shards = dhondt({ nShards, stakes });
          const cap = maxShardsPerNode(stakes.length, nShards);
          expect(shards.reduce((a, b) => a + b, 0)).toBe(nShards);
          expect(Math.max(...shards)).toBeLessThanOrEqual(cap);
        }),
      );
    });

    it("agrees with seat-by-seat D'Hondt: the Hagenbach-Bischoff head start changes nothing", () => {
      fc.assert(
        fc.property(placeableArb, ({ nShards, stakes }) => {
          expect(dhondt({ nShards, stakes })).toEqual(naiveDhondt(nShards, stakes));
        }),
        { numRuns: 200 },
      );
    });

    it('never gives a node fewer shards when it gains stake', () => {
      fc.assert(
        fc.property(
          placeableArb,
          fc.nat(),
          fc.bigInt({ min: 1n, max: 1n << 50n }),
          ({ nShards, stakes }, pick, extra) => {
            const index = pick % stakes.length;
            const before = dhondt({ nShards, stakes })[index]!;
            const richer = stakes.map((s, i) => (i === index ? s + extra : s));
            expect(dhondt({ nShards, stakes: richer })[index]!).toBeGreaterThanOrEqual(before);
          },
        ),
      );
    });

    it('gives the same answer every time', () => {
      fc.assert(
        fc.property(placeableArb, ({ nShards, stakes }) => {
          expect(dhondt({ nShards, stakes })).toEqual(dhondt({ nShards, stakes: [...stakes] }));
        }),
        { numRuns: 50 },
      );
    });

    it('breaks ties in favour of the earlier active-set position', () => {
      fc.assert(
        fc.property(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 10, max: 500 }), (n, nShards) => {
          const shards = dhondt({ nShards, stakes: Array.from({ length: n }, () => 1000n) });
          for (let i = 1; i < n; i++) {
            expect(shards[i - 1]!).toBeGreaterThanOrEqual(shards[i]!);
          }
        }),
      );
    });
  });
});
