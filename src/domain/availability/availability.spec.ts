import {
  availabilityThresholds,
  availabilityVerdict,
  memberAvailability,
  nodesUntilBelow,
  uptimeShare,
  auditAttestation,
  type NodeObservation,
} from 'src/domain/availability/availability';

const NOW = 1_000_000;
const context = { epoch: 7, nowMs: NOW, freshnessMs: 10_000 };

function healthy(shards: readonly number[], overrides: Partial<NodeObservation> = {}): NodeObservation {
  return {
    lastOkAtMs: NOW - 1000,
    epoch: 7,
    nodeStatus: 'Active',
    counts: { ready: shards.length, inRecovery: 0 },
    shardStatuses: new Map(shards.map((shard) => [shard, 'ready'])),
    ...overrides,
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('availability thresholds', () => {
  it('are n − 2f to read and n − f to write, f = ⌊(n − 1) / 3⌋', () => {
    expect(availabilityThresholds(1000)).toEqual({ nShards: 1000, read: 334, write: 667 });
    expect(availabilityThresholds(4)).toEqual({ nShards: 4, read: 2, write: 3 });
    expect(availabilityThresholds(10)).toEqual({ nShards: 10, read: 4, write: 7 });
  });
});

describe('a member’s available shards', () => {
  const member = { nodeId: 'a', shards: [1, 2, 3, 4] };

  it('counts every shard of a fresh node in the epoch that reports them ready', () => {
    expect(memberAvailability(member, healthy(member.shards), context)).toEqual({
      nodeId: 'a',
      shards: 4,
      availableShards: 4,
      reason: null,
    });
  });

  it('counts none of a node whose last answer is older than the freshness window', () => {
    const stale = healthy(member.shards, { lastOkAtMs: NOW - 10_001 });
    expect(memberAvailability(member, stale, context)).toMatchObject({
      availableShards: 0,
      reason: 'unreachable',
    });
    const never = healthy(member.shards, { lastOkAtMs: null });
    expect(memberAvailability(member, never, context).reason).toBe('unreachable');
    expect(memberAvailability(member, undefined, context).reason).toBe('unreachable');
  });

  it('counts none of a node in an earlier epoch once it had time to follow, but trusts one ahead of the index', () => {
    expect(memberAvailability(member, healthy(member.shards, { epoch: 6 }), context)).toMatchObject({
      availableShards: 0,
      reason: 'behind',
    });
    expect(memberAvailability(member, healthy(member.shards, { epoch: 8 }), context).availableShards).toBe(4);
    const justChanged = { ...context, epochStartedAtMs: NOW - 5000 };
    expect(
      memberAvailability(member, healthy(member.shards, { epoch: 6 }), justChanged).availableShards,
    ).toBe(4);
    const changedLongAgo = { ...context, epochStartedAtMs: NOW - 20_000 };
    expect(memberAvailability(member, healthy(member.shards, { epoch: 6 }), changedLongAgo).reason).toBe(
      'behind',
    );
  });

  it('counts only ready shards, and says recovering when the node or a shard recovers', () => {
    const transferring = healthy(member.shards, {
      shardStatuses: new Map([
        [1, 'ready'],
        [2, 'inTransfer'],
        [3, 'ready'],
        [4, 'unknown'],
      ]),
    });
    expect(memberAvailability(member, transferring, context)).toMatchObject({
      availableShards: 2,
      reason: 'not_ready',
    });
    const recovering = { ...transferring, nodeStatus: 'RecoveryInProgress (7)' };
    expect(memberAvailability(member, recovering, context).reason).toBe('recovering');
    const shardInRecovery = { ...transferring, counts: { ready: 2, inRecovery: 1 } };
    expect(memberAvailability(member, shardInRecovery, context).reason).toBe('recovering');
  });

  it('ignores shards the node reports but the committee did not assign to it', () => {
    const other = healthy([9, 10, 11, 12]);
    expect(memberAvailability(member, other, context)).toMatchObject({
      availableShards: 0,
      reason: 'not_ready',
    });
  });

  it('uses the ready count, capped at the assigned shards, when the node gave no detail', () => {
    const summary = healthy(member.shards, { shardStatuses: null, counts: { ready: 3, inRecovery: 0 } });
    expect(memberAvailability(member, summary, context).availableShards).toBe(3);
    const more = healthy(member.shards, { shardStatuses: null, counts: { ready: 9, inRecovery: 0 } });
    expect(memberAvailability(member, more, context).availableShards).toBe(4);
  });
});

describe('the verdict', () => {
  const committee = [
    { nodeId: 'a', shards: range(0, 340) },
    { nodeId: 'b', shards: range(340, 670) },
    { nodeId: 'c', shards: range(670, 1000) },
  ];
  const all = new Map(committee.map((member) => [member.nodeId, healthy(member.shards)]));
  const run = (observations: Map<string, NodeObservation>) =>
    availabilityVerdict(committee, observations, { ...context, nShards: 1000 });

  it('can read and write with every shard available', () => {
    const verdict = run(all);
    expect(verdict).toMatchObject({
      shardsAvailable: 1000,
      shardsUnavailable: 0,
      canRead: true,
      canWrite: true,
    });
    expect(nodesUntilBelow(verdict, verdict.write)).toBe(1);
    expect(nodesUntilBelow(verdict, verdict.read)).toBe(2);
  });

  it('cannot write once 334 shards are missing, and cannot read once 667 are', () => {
    const oneDown = new Map(all).set('a', healthy(committee[0]?.shards ?? [], { lastOkAtMs: NOW - 60_000 }));
    const verdict = run(oneDown);
    expect(verdict).toMatchObject({
      shardsAvailable: 660,
      shardsUnavailable: 340,
      canRead: true,
      canWrite: false,
    });
    expect(nodesUntilBelow(verdict, verdict.write)).toBe(0);
    expect(nodesUntilBelow(verdict, verdict.read)).toBe(1);
    const twoDown = new Map(oneDown).set('b', healthy(committee[1]?.shards ?? [], { epoch: 3 }));
    expect(run(twoDown)).toMatchObject({ shardsAvailable: 330, canRead: false, canWrite: false });
  });

  it('sums to the number of shards', () => {
    const verdict = run(new Map([['a', healthy(range(0, 100))]]));
    expect(verdict.shardsAvailable + verdict.shardsUnavailable).toBe(1000);
    expect(verdict.shardsAvailable).toBe(100);
  });
});

describe('uptime', () => {
  it('is the share of the observed window no incident covers, overlaps counted once', () => {
    const window = { fromMs: 0, toMs: 1000, observedFromMs: 0 };
    expect(uptimeShare([], window)).toBe(1);
    expect(
      uptimeShare(
        [
          { startMs: 100, endMs: 200 },
          { startMs: 150, endMs: 300 },
          { startMs: 900, endMs: null },
        ],
        window,
      ),
    ).toBeCloseTo(0.7);
  });

  it('counts only from the first observation, and is unknown without one', () => {
    expect(
      uptimeShare([{ startMs: 600, endMs: 700 }], { fromMs: 0, toMs: 1000, observedFromMs: 500 }),
    ).toBeCloseTo(0.8);
    expect(uptimeShare([], { fromMs: 0, toMs: 1000, observedFromMs: null })).toBeNull();
    expect(uptimeShare([], { fromMs: 0, toMs: 1000, observedFromMs: 2000 })).toBeNull();
  });
});

describe('the attestation audit', () => {
  const poll = (atMs: number, owned: number, ready: number) => ({ atMs, owned, ready });

  it('is premature when the answers before and after both show shards not ready', () => {
    expect(auditAttestation(poll(1, 10, 4), poll(3, 10, 6))).toEqual({
      verdict: 'premature',
      evidence: poll(3, 10, 6),
      notReadyShards: 4,
    });
  });

  it('is ok when the last shard became ready between the answer before and the attestation', () => {
    expect(auditAttestation(poll(1, 10, 9), poll(3, 10, 10))).toEqual({
      verdict: 'ok',
      evidence: poll(3, 10, 10),
      notReadyShards: 0,
    });
  });

  it('rests on the only answer there is, and is unobserved without one', () => {
    expect(auditAttestation(poll(1, 10, 4), undefined).verdict).toBe('premature');
    expect(auditAttestation(undefined, poll(3, 10, 10)).verdict).toBe('ok');
    expect(auditAttestation(undefined, undefined)).toEqual({
      verdict: 'unobserved',
      evidence: undefined,
      notReadyShards: null,
    });
  });
});
