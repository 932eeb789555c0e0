import { graphql } from 'test/support/graphql';
import { query, startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

interface NodeReward {
  nodeId: string;
  shards: number;
  reward: string;
  commission: string | null;
  delegatorReward: string | null;
  recordedDelegatorReward: string | null;
  matchesChain: boolean | null;
}

describe('rewards per epoch and node', () => {
  let api: IndexedApi;

  beforeAll(async () => {
    api = await startIndexedApi('node-churn', 29, 4);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('recomputes each paid epoch’s split and finds what every pool recorded', async () => {
    let compared = 0;
    for (let epoch = 1; epoch < api.devnet.network.epoch; epoch++) {
      const response = await graphql(
        api.app,
        `{ epochRewards(epoch: ${epoch}) { epoch bucket burned distributed leftover
             nodes { nodeId shards reward commission delegatorReward recordedDelegatorReward matchesChain } } }`,
      );
      expect(response.errors).toBeUndefined();
      const rewards = response.data?.epochRewards as {
        bucket: string;
        burned: string;
        distributed: string;
        leftover: string;
        nodes: NodeReward[];
      };
      expect(BigInt(rewards.burned) + BigInt(rewards.distributed) + BigInt(rewards.leftover)).toBe(
        BigInt(rewards.bucket),
      );
      expect(BigInt(rewards.burned)).toBe((BigInt(rewards.bucket) * 300n) / 10_000n);
      expect(rewards.nodes.reduce((total, node) => total + node.shards, 0)).toBe(1000);
      for (const node of rewards.nodes) {
        expect(BigInt(node.commission ?? 0) + BigInt(node.delegatorReward ?? 0)).toBe(BigInt(node.reward));
        if (node.matchesChain !== null) {
          compared++;
          expect({ node: node.nodeId, epoch, recorded: node.recordedDelegatorReward }).toEqual({
            node: node.nodeId,
            epoch,
            recorded: node.delegatorReward,
          });
        }
      }
    }
    // Most pools recorded a share price at each change (first-time pools have a flat rate instead).
    expect(compared).toBeGreaterThan(15);
  });

  it('shrinks a deny-listing node’s share once the committee certified its list, and refuses an uncertified one', async () => {
    const network = api.devnet.network;
    const byName = new Map([...network.nodes.values()].map((node) => [node.name, node]));
    const node3 = byName.get('node-3')!;
    const node4 = byName.get('node-4')!;
    // node-churn: in epoch 2 node-3's certified deny list of 2 TB is applied; node-4's, signed by
    // node-4 alone, is refused (bls_aggregate::ENotEnoughStake) after its announcement.
    expect(node3.denyListSize).toBe(2_000_000_000_000n);
    expect(node4.denyListSize).toBe(0n);
    const response = await graphql(
      api.app,
      `
        {
          epochRewards(epoch: 2) {
            nodes {
              nodeId
              shards
              denyListSize
              reward
              matchesChain
            }
          }
        }
      `,
    );
    expect(response.errors).toBeUndefined();
    const nodes = (response.data?.epochRewards as { nodes: (NodeReward & { denyListSize: string })[] }).nodes;
    const denied = nodes.find((node) => node.nodeId === node3.nodeId);
    expect(denied?.denyListSize).toBe('2000000000000');
    expect(denied?.matchesChain).not.toBe(false);
    // Per shard, the deny-listing node earns less than a node that denies nothing.
    const perShard = (node: NodeReward | undefined) => Number(node?.reward ?? 0) / (node?.shards ?? 1);
    const clean = nodes.find((node) => node.nodeId === node4.nodeId);
    expect(perShard(denied)).toBeLessThan(perShard(clean));
    const events = await query<{ type: string; data: { node_id: string; sequence_number: string } }>(
      api.databaseUrl,
      `SELECT type, data FROM walrus_event WHERE type IN ('RegisterDenyListUpdate', 'DenyListUpdate')
       ORDER BY checkpoint, event_index`,
    );
    expect(events.map((event) => [event.type, event.data.node_id, event.data.sequence_number])).toEqual([
      ['RegisterDenyListUpdate', node3.nodeId, '1'],
      ['DenyListUpdate', node3.nodeId, '1'],
      ['RegisterDenyListUpdate', node4.nodeId, '1'],
    ]);
  });

  it('gives each operator its reward history and projections from the prepaid buckets', async () => {
    const response = await graphql(
      api.app,
      `
        {
          operators(first: 1, orderBy: [{ field: shards, direction: desc }]) {
            edges {
              node {
                nodeId
                shards
                commissionRate
                rewardHistory(last: 3) {
                  epoch
                  reward
                  matchesChain
                }
                rewardProjections {
                  epoch
                  bucket
                  reward
                  commission
                  delegatorReward
                }
              }
            }
          }
        }
      `,
    );
    expect(response.errors).toBeUndefined();
    const operator = (
      response.data?.operators as {
        edges: {
          node: {
            shards: number;
            commissionRate: number;
            rewardHistory: { epoch: number; reward: string }[];
            rewardProjections: { epoch: number; bucket: string; reward: string; commission: string }[];
          };
        }[];
      }
    ).edges[0]?.node;
    expect(operator?.rewardHistory.map((entry) => entry.epoch)).toEqual([3, 2, 1]);
    expect(operator?.rewardProjections.length).toBeGreaterThan(0);
    for (const projection of operator?.rewardProjections ?? []) {
      const bucket = BigInt(projection.bucket);
      const expected = ((bucket - (bucket * 300n) / 10_000n) * BigInt(operator?.shards ?? 0)) / 1000n;
      expect(BigInt(projection.reward)).toBe(expected);
      expect(BigInt(projection.commission)).toBe(
        (expected * BigInt(operator?.commissionRate ?? 0)) / 10_000n,
      );
    }
  });

  it('reports an epoch whose state is not indexed', async () => {
    const response = await graphql(api.app, '{ epochRewards(epoch: 999) { epoch } }');
    expect(response.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
