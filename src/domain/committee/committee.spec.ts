import fc from 'fast-check';
import {
  computeNextCommittee,
  countMovedShards,
  diffCommittees,
  initializeCommittee,
  transitionCommittee,
  type Committee,
  type ShardCount,
} from 'src/domain/committee/committee';
import { DomainError } from 'src/domain/shared/domain.error';
import { parseNodeId, type NodeId } from 'src/domain/shared/node-id';
import { nodeIdOf } from 'src/domain/testing/node-ids';
import { loadMoveVectors } from 'test/support/move-vectors';

const vectors = loadMoveVectors();

function committeeOf(entries: Record<number, number[]>): Committee {
  return Object.entries(entries)
    .map(([id, shards]) => ({ nodeId: nodeIdOf(Number(id)), shards }))
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1));
}

function counts(entries: [id: number, shards: number][]): ShardCount[] {
  return entries.map(([id, shards]) => ({ nodeId: nodeIdOf(id), shards }));
}

describe('committee initialize and transition (committee.move)', () => {
  describe('matches every Move unit-test vector', () => {
    it.each(vectors.committee.map((v) => [v.name, v] as const))('%s', (_name, vector) => {
      const distribution = vector.distribution.map((d) => ({
        nodeId: parseNodeId(d.nodeId),
        shards: d.shards,
      }));
      const current = (vector.current ?? []).map((m) => ({
        nodeId: parseNodeId(m.nodeId),
        shards: m.shards,
      }));
      const run = () =>
        vector.op === 'initialize'
          ? initializeCommittee(distribution)
          : transitionCommittee(current, distribution);
      if (vector.abort !== undefined) {
        expect(run).toThrow(DomainError);
        expect(run).toThrow(vector.abort);
        return;
      }
      expect(run()).toEqual(
        vector.expected!.map((m) => ({ nodeId: parseNodeId(m.nodeId), shards: m.shards })),
      );
    });
  });

  describe('the derived vectors of the protocol notes', () => {
    const start = committeeOf({ 1: [0, 1, 2], 2: [3, 4, 5], 3: [6, 7, 8, 9] });

    it('serves new nodes first, in distribution order, then growing members', () => {
      expect(
        transitionCommittee(
          start,
          counts([
            [4, 2],
            [2, 5],
            [1, 1],
            [3, 2],
          ]),
        ),
      ).toEqual(committeeOf({ 1: [0], 2: [3, 4, 5, 1, 2], 3: [6, 7], 4: [8, 9] }));
    });

    it('active-set order decides which new node takes which freed shards', () => {
      expect(
        transitionCommittee(
          start,
          counts([
            [5, 2],
            [4, 2],
            [1, 6],
          ]),
        ),
      ).toEqual(committeeOf({ 1: [0, 1, 2, 5, 4, 3], 4: [7, 6], 5: [9, 8] }));
      expect(
        transitionCommittee(
          start,
          counts([
            [4, 2],
            [5, 2],
            [1, 6],
          ]),
        ),
      ).toEqual(committeeOf({ 1: [0, 1, 2, 5, 4, 3], 4: [9, 8], 5: [7, 6] }));
    });

    it('drops members assigned zero shards and keeps the others unchanged', () => {
      const initial = initializeCommittee(
        counts([
          [1, 2],
          [2, 2],
          [3, 2],
        ]),
      );
      expect(
        transitionCommittee(
          initial,
          counts([
            [1, 0],
            [2, 2],
            [3, 2],
            [4, 2],
            [5, 0],
          ]),
        ),
      ).toEqual(committeeOf({ 2: [2, 3], 3: [4, 5], 4: [1, 0] }));
    });
  });

  it('diff lists the members only in one of two committees', () => {
    const diff = diffCommittees(
      committeeOf({ 1: [0], 2: [1], 3: [2] }),
      committeeOf({ 2: [0], 3: [1], 4: [2] }),
    );
    expect(diff).toEqual({ onlyInFirst: [nodeIdOf(1)], onlyInSecond: [nodeIdOf(4)] });
  });

  it('orders node IDs as u256, not as the text a user typed', () => {
    const committee = initializeCommittee([
      { nodeId: parseNodeId('0xFF'), shards: 1 },
      { nodeId: parseNodeId('0x100'), shards: 1 },
      { nodeId: parseNodeId('0x0a'), shards: 1 },
    ]);
    expect(committee.map((m) => m.nodeId)).toEqual([nodeIdOf(0x0a), nodeIdOf(0xff), nodeIdOf(0x100)]);
  });

  it('refuses duplicate node IDs, which a VecMap cannot hold', () => {
    expect(() =>
      initializeCommittee(
        counts([
          [1, 1],
          [1, 2],
        ]),
      ),
    ).toThrow('more than once');
  });

  describe('computeNextCommittee', () => {
    it('initializes the first committee from the active set', () => {
      const next = computeNextCommittee({
        nShards: 10,
        activeSet: [
          { nodeId: nodeIdOf(3), stake: 4000n },
          { nodeId: nodeIdOf(1), stake: 2000n },
          { nodeId: nodeIdOf(2), stake: 1000n },
        ],
        currentCommittee: [],
      });
      expect(next.distribution).toEqual(
        counts([
          [3, 6],
          [1, 3],
          [2, 1],
        ]),
      );
      expect(next.committee).toEqual(committeeOf({ 1: [0, 1, 2], 2: [3], 3: [4, 5, 6, 7, 8, 9] }));
    });
  });

  describe('transition properties', () => {
    /** A random committee over `nShards` shards and a random new distribution of the same total. */
    const scenarioArb = fc
      .record({
        nShards: fc.integer({ min: 1, max: 300 }),
        oldIds: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 25 }),
        newIds: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 25 }),
        oldCuts: fc.array(fc.nat(), { maxLength: 24 }),
        newCuts: fc.array(fc.nat(), { maxLength: 24 }),
        shuffleSeed: fc.nat(),
      })
      .map(({ nShards, oldIds, newIds, oldCuts, newCuts, shuffleSeed }) => {
        const oldCounts = split(nShards, oldIds.length, oldCuts);
        const newCounts = split(nShards, newIds.length, newCuts);
        const shards = shuffled(
          Array.from({ length: nShards }, (_, i) => i),
          shuffleSeed,
        );
        let next = 0;
        const current = oldIds
          .map((id, i) => ({ nodeId: nodeIdOf(id), shards: shards.slice(next, (next += oldCounts[i]!)) }))
          .filter((m) => m.shards.length > 0)
          .sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1));
        const distribution = newIds.map((id, i) => ({ nodeId: nodeIdOf(id), shards: newCounts[i]! }));
        return { nShards, current, distribution };
      });

    it('assigns every shard exactly once, with the requested counts', () => {
      fc.assert(
        fc.property(scenarioArb, ({ nShards, current, distribution }) => {
          const next = transitionCommittee(current, distribution);
          expect(next.flatMap((m) => m.shards).sort((a, b) => a - b)).toEqual(
            Array.from({ length: nShards }, (_, i) => i),
          );
          const wanted = new Map(distribution.filter((d) => d.shards > 0).map((d) => [d.nodeId, d.shards]));
          expect(new Map(next.map((m) => [m.nodeId, m.shards.length]))).toEqual(wanted);
        }),
      );
    });

    it('keeps the shards of members whose count is unchanged, and the kept prefix of shrinking ones', () => {
      fc.assert(
        fc.property(scenarioArb, ({ current, distribution }) => {
          const next = new Map(transitionCommittee(current, distribution).map((m) => [m.nodeId, m.shards]));
          for (const member of current) {
            const target = distribution.find((d) => d.nodeId === member.nodeId)?.shards ?? 0;
            if (target > 0) {
              const shards = next.get(member.nodeId)!;
              const common = Math.min(target, member.shards.length);
              expect(shards.slice(0, common)).toEqual(member.shards.slice(0, common));
            }
          }
        }),
      );
    });

    it('moves the minimum possible number of shards', () => {
      fc.assert(
        fc.property(scenarioArb, ({ current, distribution }) => {
          const held = new Map<NodeId, number>(current.map((m) => [m.nodeId, m.shards.length]));
          const minimum = distribution.reduce(
            (sum, d) => sum + Math.max(0, d.shards - (held.get(d.nodeId) ?? 0)),
            0,
          );
          expect(countMovedShards(current, transitionCommittee(current, distribution))).toBe(minimum);
        }),
      );
    });

    it('returns members sorted by node ID and is deterministic', () => {
      fc.assert(
        fc.property(scenarioArb, ({ current, distribution }) => {
          const first = transitionCommittee(current, distribution);
          expect(first.map((m) => m.nodeId)).toEqual([...first.map((m) => m.nodeId)].sort());
          expect(transitionCommittee(current, distribution)).toEqual(first);
        }),
      );
    });
  });
});

/** Splits `total` into `parts` non-negative integers at pseudo-random cut points. */
function split(total: number, parts: number, cuts: number[]): number[] {
  const points = Array.from({ length: parts - 1 }, (_, i) => (cuts[i] ?? i * 7919) % (total + 1)).sort(
    (a, b) => a - b,
  );
  const bounds = [0, ...points, total];
  return Array.from({ length: parts }, (_, i) => bounds[i + 1]! - bounds[i]!);
}

function shuffled<T>(items: T[], seed: number): T[] {
  const result = [...items];
  let state = seed || 1;
  for (let i = result.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
