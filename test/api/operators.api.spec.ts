import type { INestApplication } from '@nestjs/common';
import type { Devnet } from 'src/devnet/devnet';
import { graphql } from 'test/support/graphql';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: {
    cursor: string;
    node: { nodeId: string; name: string; stake: string; shards: number; inCommittee: boolean };
  }[];
}

describe('operator queries', () => {
  let api: IndexedApi;
  let app: INestApplication;
  let devnet: Devnet;

  beforeAll(async () => {
    api = await startIndexedApi('node-churn', 13, 4);
    app = api.app;
    devnet = api.devnet;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  const NODE = 'nodeId name stake shards inCommittee';
  async function page(args: string): Promise<Page> {
    const response = await graphql(
      app,
      `{ operators${args} { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NODE} } } } }`,
    );
    expect(response.errors).toBeUndefined();
    return response.data?.operators as Page;
  }

  /** The simulator's pools, ordered as the API orders by default: stake descending, then node ID. */
  function byStake() {
    return [...devnet.network.nodes.values()].sort((a, b) =>
      a.pool.walBalance === b.pool.walBalance
        ? a.nodeId < b.nodeId
          ? -1
          : 1
        : a.pool.walBalance > b.pool.walBalance
          ? -1
          : 1,
    );
  }

  it('lists every operator by stake, and pages through them with cursors', async () => {
    const all = await page('');
    expect(all.totalCount).toBe(devnet.network.nodes.size);
    expect(all.edges.map((edge) => edge.node.nodeId)).toEqual(byStake().map((node) => node.nodeId));
    expect(all.edges.map((edge) => edge.node.stake)).toEqual(
      byStake().map((node) => node.pool.walBalance.toString()),
    );

    const first = await page('(first: 3)');
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page(`(first: 3, after: "${first.pageInfo.endCursor ?? ''}")`);
    expect([...first.edges, ...second.edges].map((edge) => edge.node.nodeId)).toEqual(
      all.edges.slice(0, 6).map((edge) => edge.node.nodeId),
    );
  });

  it('filters with suffixes, AND and OR, and orders by several fields', async () => {
    const members = new Set(devnet.network.committee.map((member) => member.nodeId));
    const median = byStake()[Math.floor(devnet.network.nodes.size / 2)]?.pool.walBalance ?? 0n;
    const filtered = await page(`(where: { stake_gt: "${median}", inCommittee: true })`);
    expect(filtered.edges.map((edge) => edge.node.nodeId)).toEqual(
      byStake()
        .filter((node) => node.pool.walBalance > median && members.has(node.nodeId))
        .map((node) => node.nodeId),
    );
    const [one, two] = [...devnet.network.nodes.values()];
    const either = await page(
      `(where: { OR: [{ name_contains: "${one?.name.toUpperCase() ?? ''}" }, { nodeId_in: ["${two?.nodeId ?? ''}"] }] }, orderBy: [{ field: name, direction: asc }])`,
    );
    expect(either.edges.map((edge) => edge.node.nodeId)).toContain(one?.nodeId);
    expect(either.edges.map((edge) => edge.node.nodeId)).toContain(two?.nodeId);
    const names = either.edges.map((edge) => edge.node.name);
    expect(names).toEqual([...names].sort());
    const ordered = await page(
      '(orderBy: [{ field: shards, direction: desc }, { field: name, direction: asc }])',
    );
    const shards = ordered.edges.map((edge) => edge.node.shards);
    expect(shards).toEqual([...shards].sort((a, b) => b - a));
  });

  it('describes one operator: commission, votes, rank and delegators', async () => {
    const node = byStake()[0];
    if (node === undefined) {
      throw new Error('no nodes');
    }
    const response = await graphql(
      app,
      `{ operator(id: "${node.nodeId}") { nodeId commissionRate pendingCommissionRates { effectiveEpoch rate }
         votes { storagePrice writePrice nodeCapacity } activeSetRank delegatorCount } }`,
    );
    const owners = new Set(
      [...devnet.network.positions.values()]
        .filter((position) => position.stakedWal.nodeId === node.nodeId)
        .map((position) => position.owner),
    );
    expect(response.data?.operator).toEqual({
      nodeId: node.nodeId,
      commissionRate: node.pool.commissionRate,
      pendingCommissionRates: node.pool.pendingCommissionRate.entries.map((entry) => ({
        effectiveEpoch: entry.epoch,
        rate: Number(entry.value),
      })),
      votes: {
        storagePrice: node.votes.storagePrice.toString(),
        writePrice: node.votes.writePrice.toString(),
        nodeCapacity: node.votes.nodeCapacity.toString(),
      },
      activeSetRank: 1,
      delegatorCount: owners.size,
    });
  });

  it('answers bad arguments with coded errors', async () => {
    const code = async (query: string) => (await graphql(app, query)).errors?.[0]?.extensions.code;
    expect(await code('{ operator(id: "not-an-address") { nodeId } }')).toBe('BAD_USER_INPUT');
    expect(await code(`{ operator(id: "0x${'ab'.repeat(32)}") { nodeId } }`)).toBe('NOT_FOUND');
    expect(await code('{ operators(first: 10000) { totalCount } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ operators(after: "bm9wZQ==") { totalCount } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ operators(where: { nodeId_in: ["0xzz"] }) { totalCount } }')).toBe('BAD_USER_INPUT');
  });
});
