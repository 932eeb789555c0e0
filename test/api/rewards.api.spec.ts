import { graphql } from 'test/support/graphql';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

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
