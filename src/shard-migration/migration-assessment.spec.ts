import { assessMigration } from 'src/shard-migration/migration-assessment';
import type { NodeHealthRecord } from 'src/store/node-health/node-health.repository';
import type {
  MigrationNodeRecord,
  MigrationRecord,
  MoveRecord,
} from 'src/store/shard-migration/shard-migration.repository';

const START = new Date('2026-06-01T00:00:00Z');
const at = (ms: number) => new Date(START.getTime() + ms);
const deadlines = { stallGraceMs: 1000, recoveryAfterMs: 5000 };

const migration: MigrationRecord = {
  epoch: 7,
  status: 'in_progress',
  startedAt: START,
  startCheckpoint: 100n,
  doneAt: null,
  doneCheckpoint: null,
  endedAt: null,
  nShards: 10,
  movedShards: 2,
  shardSizeBytes: 1000n,
  totalBytes: 2000n,
  syncBytesPerSecond: 1000n,
  concurrency: 10,
  waves: 1,
  waveMs: 1000,
  etaMs: 1000,
};

const move = (shard: number, overrides: Partial<MoveRecord> = {}): MoveRecord => ({
  epoch: 7,
  shard,
  fromNode: 'src',
  toNode: 'dst',
  wave: 0,
  sizeBytes: 1000n,
  dueMs: 1000,
  state: 'planned',
  stateSince: START,
  escalated: false,
  ...overrides,
});

const node = (
  nodeId: string,
  weight: number,
  overrides: Partial<MigrationNodeRecord> = {},
): MigrationNodeRecord => ({
  epoch: 7,
  nodeId,
  name: nodeId,
  membership: 'continuing',
  weight,
  gained: 0,
  lost: 0,
  kept: weight,
  receiveBytes: 0n,
  sendBytes: 0n,
  dueMs: 0,
  attestedAt: null,
  attestedCheckpoint: null,
  attestedLate: null,
  ...overrides,
});

const health = (nodeId: string, overrides: Partial<NodeHealthRecord> = {}): NodeHealthRecord => ({
  nodeId,
  checkedAt: START,
  reachable: true,
  error: null,
  lastOkAt: START,
  epoch: 7,
  nodeStatus: 'Active',
  shardCounts: null,
  shardStatuses: new Map(),
  ownedShards: null,
  circuit: 'closed',
  consecutiveFailures: 0,
  nextPollAtMs: 0,
  ...overrides,
});

const nodes = [node('src', 4), node('dst', 6, { gained: 2, dueMs: 1000 })];

function assess(
  moves: MoveRecord[],
  reports: NodeHealthRecord[],
  nowMs: number,
  overrides: Partial<MigrationRecord> = {},
  nodeRecords = nodes,
) {
  return assessMigration({
    migration: { ...migration, ...overrides },
    moves,
    nodes: nodeRecords,
    health: new Map(reports.map((report) => [report.nodeId, report])),
    deadlines,
    now: at(nowMs),
  });
}

describe('assessMigration', () => {
  it('moves shards as the destination reports them', () => {
    const result = assess(
      [move(1), move(2)],
      [
        health('dst', {
          shardStatuses: new Map([
            [1, 'inTransfer'],
            [2, 'ready'],
          ]),
        }),
      ],
      200,
    );
    expect(result.transitions.map((t) => [t.shard, t.from, t.to, t.cause])).toEqual([
      [1, 'planned', 'transferring', 'health'],
      [2, 'planned', 'received', 'health'],
    ]);
    expect(result.counts).toMatchObject({ transferring: 1, received: 1 });
  });

  it('guesses nothing about an unreachable node or one still in the previous epoch', () => {
    const unreachable = assess(
      [move(1)],
      [health('dst', { reachable: false, consecutiveFailures: 3, shardStatuses: new Map([[1, 'ready']]) })],
      200,
    );
    expect(unreachable.transitions).toEqual([]);
    expect(unreachable.nodes.find((n) => n.node.nodeId === 'dst')?.reachable).toBe(false);
    const behind = assess(
      [move(1)],
      [health('dst', { epoch: 6, shardStatuses: new Map([[1, 'ready']]) })],
      200,
    );
    expect(behind.transitions).toEqual([]);
    expect(behind.nodes.find((n) => n.node.nodeId === 'dst')?.behind).toBe(true);
  });

  it('takes the attestation as receipt and fails what the next epoch overtook', () => {
    const attested = [nodes[0]!, node('dst', 6, { attestedAt: at(300) })];
    expect(assess([move(1)], [], 400, {}, attested).transitions.map((t) => [t.to, t.cause, t.at])).toEqual([
      ['received', 'attested', at(300)],
    ]);
    expect(
      assess([move(1, { state: 'transferring' })], [], 9000, { endedAt: at(8000) }).transitions.map((t) => [
        t.to,
        t.at,
      ]),
    ).toEqual([['failed', at(8000)]]);
  });

  it('raises a stall past the due time plus grace, and escalates to recovery after the recovery interval', () => {
    const stalled = assess(
      [move(1, { state: 'transferring', stateSince: at(100) })],
      [health('dst', { shardStatuses: new Map([[1, 'inTransfer']]) })],
      2200,
    );
    expect(stalled.stalled.map((m) => m.shard)).toEqual([1]);
    expect(stalled.conditions.map((c) => [c.kind, c.subject])).toContainEqual(['handoff_stalled', 'dst']);
    const escalated = assess(
      [move(1, { state: 'transferring', stateSince: at(100) })],
      [health('dst', { shardStatuses: new Map([[1, 'inTransfer']]) })],
      5200,
    );
    expect(escalated.transitions.map((t) => [t.to, t.cause])).toEqual([['recovering', 'deadline']]);
    // Still reported in transfer by the node: stuck until the node moves on.
    const later = assess(
      [escalated.moves[0]!],
      [health('dst', { shardStatuses: new Map([[1, 'inTransfer']]) })],
      5500,
    );
    expect(later.stalled.map((m) => m.shard)).toEqual([1]);
    const recovering = assess(
      [escalated.moves[0]!],
      [health('dst', { shardStatuses: new Map([[1, 'inRecovery']]) })],
      5500,
    );
    expect(recovering.stalled).toEqual([]);
  });

  it('judges no deadline on a stale index: health still moves shards, nothing stalls or escalates', () => {
    const stale = assessMigration({
      migration,
      moves: [move(1, { state: 'transferring', stateSince: at(100) }), move(2)],
      nodes,
      health: new Map([
        [
          'dst',
          health('dst', {
            shardStatuses: new Map([
              [1, 'inTransfer'],
              [2, 'ready'],
            ]),
          }),
        ],
      ]),
      deadlines,
      now: at(60_000),
      judge: false,
    });
    expect(stale.transitions.map((t) => [t.shard, t.to])).toEqual([[2, 'received']]);
    expect(stale.stalled).toEqual([]);
    expect(stale.conditions).toEqual([]);
  });

  it('puts the quorum at risk when the blocked nodes hold the weight it misses', () => {
    const result = assess(
      [move(1, { state: 'transferring', stateSince: at(100) })],
      [health('dst', { shardStatuses: new Map([[1, 'inTransfer']]) })],
      2200,
      {},
      [node('src', 4, { attestedAt: at(50) }), node('dst', 6, { gained: 1, dueMs: 1000 })],
    );
    expect(result.quorum).toMatchObject({ attestedWeight: 4, quorumWeight: 7, atRisk: true });
    expect(result.conditions.map((c) => c.kind)).toEqual([
      'handoff_stalled',
      'attestation_overdue',
      'quorum_at_risk',
    ]);
  });
});
