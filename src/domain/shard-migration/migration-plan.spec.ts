import { committeeChange } from 'src/domain/committee/committee-change';
import { computeNextCommittee, countMovedShards, initializeCommittee } from 'src/domain/committee/committee';
import { estimateShardSize, planMigration } from 'src/domain/shard-migration/migration-plan';
import type { NodeId } from 'src/domain/shared/node-id';
import { nodeIdOf } from 'src/domain/testing/node-ids';

const MB = 1_000_000n;

describe('planMigration', () => {
  const [a, b, c] = [nodeIdOf(1), nodeIdOf(2), nodeIdOf(3)] as [NodeId, NodeId, NodeId];

  it('schedules each destination in waves of its concurrency, lowest shard first', () => {
    const previous = [
      { nodeId: a, shards: [0, 1, 2, 3, 4, 5, 6] },
      { nodeId: b, shards: [7, 8, 9] },
    ];
    const current = [
      { nodeId: a, shards: [0] },
      { nodeId: b, shards: [7, 8, 9, 1] },
      { nodeId: c, shards: [2, 3, 4, 5, 6] },
    ];
    const plan = planMigration({
      epoch: 5,
      previous,
      current,
      shardSizeBytes: 100n * MB,
      shardSyncBytesPerSecond: 10n * MB,
      concurrency: 2,
    });
    expect(plan.moves.map((move) => [move.shard, move.from, move.to, move.wave, move.dueMs])).toEqual([
      [1, a, b, 0, 10_000],
      [2, a, c, 0, 10_000],
      [3, a, c, 0, 10_000],
      [4, a, c, 1, 20_000],
      [5, a, c, 1, 20_000],
      [6, a, c, 2, 30_000],
    ]);
    expect(plan.waveMs).toBe(10_000);
    expect(plan.waves).toBe(3);
    expect(plan.etaMs).toBe(30_000);
    expect(plan.totalBytes).toBe(600n * MB);
    const byNode = new Map(plan.nodes.map((node) => [node.nodeId, node]));
    expect(byNode.get(a)).toMatchObject({
      membership: 'continuing',
      kept: [0],
      waves: 0,
      sendBytes: 600n * MB,
      dueMs: 0,
    });
    expect(byNode.get(b)).toMatchObject({ gained: [1], waves: 1, receiveBytes: 100n * MB, dueMs: 10_000 });
    expect(byNode.get(c)).toMatchObject({
      membership: 'joining',
      waves: 3,
      receiveBytes: 500n * MB,
      dueMs: 30_000,
    });
  });

  it('moves as many shards as the committee diff, at the default concurrency of 10', () => {
    const previous = initializeCommittee([
      { nodeId: a, shards: 400 },
      { nodeId: b, shards: 350 },
      { nodeId: c, shards: 250 },
    ]);
    const { committee: next } = computeNextCommittee({
      nShards: 1000,
      currentCommittee: previous,
      activeSet: [
        { nodeId: a, stake: 200n },
        { nodeId: b, stake: 500n },
        { nodeId: c, stake: 300n },
      ],
    });
    const plan = planMigration({
      epoch: 2,
      previous,
      current: next,
      shardSizeBytes: MB,
      shardSyncBytesPerSecond: MB,
    });
    expect(plan.movedShards).toBe(countMovedShards(previous, next));
    expect(plan.movedShards).toBe(committeeChange(previous, next).moves.length);
    expect(plan.concurrency).toBe(10);
    const gainedByB = plan.moves.filter((move) => move.to === b).length;
    expect(plan.nodes.find((node) => node.nodeId === b)?.waves).toBe(Math.ceil(gainedByB / 10));
    expect(Math.max(...plan.moves.filter((move) => move.to === b).map((move) => move.wave))).toBe(
      Math.ceil(gainedByB / 10) - 1,
    );
  });

  it('has nothing to transfer for a first committee', () => {
    const plan = planMigration({
      epoch: 1,
      previous: [],
      current: [{ nodeId: a, shards: [0, 1] }],
      shardSizeBytes: MB,
      shardSyncBytesPerSecond: MB,
    });
    expect(plan.moves).toEqual([
      { shard: 0, from: null, to: a, wave: 0, sizeBytes: 0n, dueMs: 0 },
      { shard: 1, from: null, to: a, wave: 0, sizeBytes: 0n, dueMs: 0 },
    ]);
    expect(plan.etaMs).toBe(0);
  });

  it('refuses a zero concurrency, a negative size and a zero throughput', () => {
    const base = { epoch: 1, previous: [], current: [], shardSizeBytes: MB, shardSyncBytesPerSecond: MB };
    expect(() => planMigration({ ...base, concurrency: 0 })).toThrow('concurrency');
    expect(() => planMigration({ ...base, shardSizeBytes: -1n })).toThrow('shard size');
    expect(() => planMigration({ ...base, shardSyncBytesPerSecond: 0n })).toThrow('throughput');
  });
});

describe('estimateShardSize', () => {
  it('spreads the stored bytes over the shards, rounding up', () => {
    expect(estimateShardSize(1001n, 1000)).toBe(2n);
    expect(estimateShardSize(500_000_000_000_000n, 1000)).toBe(500_000_000_000n);
    expect(() => estimateShardSize(1n, 0)).toThrow('shards');
  });
});
