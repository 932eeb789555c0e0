import { syncQuorum, type SyncMember } from 'src/domain/shard-migration/sync-quorum';
import type { NodeId } from 'src/domain/shared/node-id';
import { nodeIdOf } from 'src/domain/testing/node-ids';

const [a, b, c, d] = [nodeIdOf(1), nodeIdOf(2), nodeIdOf(3), nodeIdOf(4)] as [NodeId, NodeId, NodeId, NodeId];
const member = (nodeId: NodeId, shards: number, attested = false, blocked = false): SyncMember => ({
  nodeId,
  shards,
  attested,
  blocked,
});

describe('syncQuorum', () => {
  it('needs 667 of 1000 shards, as epoch_sync_done counts them (3w ≥ 2n + 1)', () => {
    const below = syncQuorum([member(a, 666, true), member(b, 334)], 1000);
    expect(below).toMatchObject({ quorumWeight: 667, attestedWeight: 666, missingWeight: 1, reached: false });
    const at = syncQuorum([member(a, 667, true), member(b, 333)], 1000);
    expect(at).toMatchObject({ attestedWeight: 667, missingWeight: 0, reached: true, atRisk: false });
    expect(syncQuorum([member(a, 7)], 10).quorumWeight).toBe(7);
  });

  it('lists pending members heaviest first and is at risk when the unblocked ones cannot reach the quorum', () => {
    const quorum = syncQuorum(
      [member(a, 300, true), member(b, 300, false, true), member(c, 100), member(d, 300)],
      1000,
    );
    expect(quorum.pending.map((m) => m.nodeId)).toEqual([b, d, c]);
    expect(quorum.blocking.map((m) => m.nodeId)).toEqual([b]);
    // 300 attested + 400 that can still attest = 700 ≥ 667: not at risk.
    expect(quorum.atRisk).toBe(false);
    const worse = syncQuorum(
      [member(a, 300, true), member(b, 300, false, true), member(c, 100, false, true), member(d, 300)],
      1000,
    );
    expect(worse.atRisk).toBe(true);
    expect(worse.missingWeight).toBe(367);
  });
});
