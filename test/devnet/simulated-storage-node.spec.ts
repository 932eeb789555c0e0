import { SimulatedStorageNode } from 'src/devnet/storage-nodes/simulated-storage-node';
import type { Committee } from 'src/domain/committee/committee';
import { nodeIdOf } from 'src/domain/testing/node-ids';

const [A, B, C] = [nodeIdOf(1), nodeIdOf(2), nodeIdOf(3)];

function node(nodeId: typeof A): SimulatedStorageNode {
  return new SimulatedStorageNode({
    nodeId,
    name: `node-${nodeId.slice(-1)}`,
    publicKey: Buffer.alloc(48, 1).toString('base64'),
    transferMs: 1_000,
    recoveryAfterMs: 500,
    metadataRecoveryMs: 200,
  });
}

function data(storageNode: SimulatedStorageNode) {
  const body = storageNode.health(false) as {
    success: {
      data: {
        nodeStatus: string;
        publicKey: string;
        shardSummary: { owned: number; ownedShardStatus: Record<string, number>; readOnly: number };
      };
    };
  };
  return body.success.data;
}

const first: Committee = [
  { nodeId: A, shards: [0, 1] },
  { nodeId: B, shards: [2, 3] },
];
// B leaves; C joins with B's shards.
const second: Committee = [
  { nodeId: A, shards: [0, 1] },
  { nodeId: C, shards: [2, 3] },
];

describe('SimulatedStorageNode status', () => {
  it('reports Standby out of the committee, read-only shards and all', () => {
    const leaving = node(B);
    expect(data(leaving).nodeStatus).toBe('Standby');
    leaving.onEpochChange(1, [], first);
    expect(data(leaving).nodeStatus).toBe('Active');
    leaving.onEpochChange(2, first, second);
    expect(data(leaving)).toMatchObject({
      nodeStatus: 'Standby',
      shardSummary: { owned: 0, readOnly: 2 },
    });
    expect(Buffer.from(data(leaving).publicKey, 'base64')).toHaveLength(48);
  });

  it('recovers metadata on joining before it syncs shards, then is Active', () => {
    const joining = node(C);
    joining.onEpochChange(1, [], first);
    joining.onEpochChange(2, first, second);
    expect(data(joining).nodeStatus).toBe('RecoverMetadata');
    joining.tick(150);
    expect(data(joining).nodeStatus).toBe('RecoverMetadata');
    expect(data(joining).shardSummary.ownedShardStatus.inTransfer).toBe(2);
    joining.tick(100);
    expect(data(joining).nodeStatus).toBe('Active');
    joining.tick(1_000);
    expect(data(joining).shardSummary.ownedShardStatus.ready).toBe(2);
  });

  it('stays Active while its shards fall back to recovery', () => {
    const joining = node(C);
    joining.onEpochChange(1, [], first);
    joining.onEpochChange(2, first, second);
    joining.tick(200);
    joining.tick(600, () => false);
    expect(data(joining).shardSummary.ownedShardStatus.inRecovery).toBe(2);
    expect(data(joining).nodeStatus).toBe('Active');
  });

  it('recovers as a whole, up to the epoch, after being down through an epoch change', () => {
    const member = node(A);
    member.onEpochChange(1, [], first);
    member.faults.add('down');
    member.onEpochChange(2, first, [{ nodeId: A, shards: [0, 1, 2] }]);
    member.faults.delete('down');
    expect(data(member).nodeStatus).toBe('RecoveryInProgress (2)');
    member.tick(500);
    expect(data(member).nodeStatus).toBe('RecoveryInProgress (2)');
    member.tick(600);
    expect(data(member).nodeStatus).toBe('Active');
  });
});
