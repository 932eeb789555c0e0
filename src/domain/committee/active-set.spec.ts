import { ActiveSet } from 'src/domain/committee/active-set';
import { nodeIdOf } from 'src/domain/testing/node-ids';
import { loadMoveVectors } from 'test/support/move-vectors';

const vectors = loadMoveVectors();

function idsOf(set: ActiveSet): string[] {
  return set.entries.map((entry) => entry.nodeId);
}

describe('active set (active_set.move)', () => {
  it.each(vectors.activeSet.map((v, i) => [i, v] as const))('matches Move vector %d', (_i, vector) => {
    const set = new ActiveSet(vector.maxSize);
    for (const [, id, stake] of vector.ops) {
      set.insertOrUpdate(nodeIdOf(id), BigInt(stake));
    }
    expect(idsOf(set)).toEqual(vector.expectedNodes.map((id) => nodeIdOf(id)));
    expect(set.totalStake).toBe(BigInt(vector.expectedTotal));
  });

  it('evicts, after updates, the node that ended up with the smallest stake (test_evict_correct_node_with_updates)', () => {
    const set = new ActiveSet(5);
    for (const [id, stake] of [
      [4, 7],
      [1, 10],
      [3, 8],
      [2, 9],
      [5, 6],
      [1, 12],
      [3, 13],
      [4, 9],
      [2, 10],
      [5, 7],
    ] as const) {
      set.insertOrUpdate(nodeIdOf(id), BigInt(stake));
    }
    expect(set.insertOrUpdate(nodeIdOf(6), 11n)).toBe(true);
    expect(set.stakeOf(nodeIdOf(5))).toBeUndefined();
    expect(set.totalStake).toBe(12n + 13n + 9n + 10n + 11n);
    // Node 6 takes node 5's slot in place: the order of the others does not change.
    expect(idsOf(set)).toEqual([4, 1, 3, 2, 6].map((id) => nodeIdOf(id)));
  });

  it('does not admit a newcomer whose stake is not strictly above the smallest', () => {
    const set = new ActiveSet(2);
    set.insertOrUpdate(nodeIdOf(1), 5n);
    set.insertOrUpdate(nodeIdOf(2), 5n);
    expect(set.insertOrUpdate(nodeIdOf(3), 5n)).toBe(false);
    expect(idsOf(set)).toEqual([nodeIdOf(1), nodeIdOf(2)]);
  });

  it('evicts the first of several equally small entries', () => {
    const set = new ActiveSet(3);
    set.insertOrUpdate(nodeIdOf(1), 9n);
    set.insertOrUpdate(nodeIdOf(2), 4n);
    set.insertOrUpdate(nodeIdOf(3), 4n);
    set.insertOrUpdate(nodeIdOf(4), 6n);
    expect(idsOf(set)).toEqual([nodeIdOf(1), nodeIdOf(4), nodeIdOf(3)]);
  });

  it('removes a node whose stake drops to zero by moving the last entry into its place', () => {
    const set = new ActiveSet(5);
    for (const id of [1, 2, 3, 4]) {
      set.insertOrUpdate(nodeIdOf(id), 10n);
    }
    expect(set.insertOrUpdate(nodeIdOf(2), 0n)).toBe(false);
    expect(idsOf(set)).toEqual([nodeIdOf(1), nodeIdOf(4), nodeIdOf(3)]);
    expect(set.totalStake).toBe(30n);
  });

  it('updates a present node in place and keeps its position', () => {
    const set = new ActiveSet(5);
    for (const id of [1, 2, 3]) {
      set.insertOrUpdate(nodeIdOf(id), 10n);
    }
    set.insertOrUpdate(nodeIdOf(1), 3n);
    expect(idsOf(set)).toEqual([nodeIdOf(1), nodeIdOf(2), nodeIdOf(3)]);
    expect(set.totalStake).toBe(23n);
  });

  it('drops stake below the threshold', () => {
    const set = new ActiveSet(5, 100n);
    expect(set.insertOrUpdate(nodeIdOf(1), 99n)).toBe(false);
    expect(set.size).toBe(0);
  });

  it('refuses a zero maximum size, as active_set::new does', () => {
    expect(() => new ActiveSet(0)).toThrow('active_set::EZeroMaxSize');
  });
});
