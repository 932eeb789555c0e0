import type { INestApplication } from '@nestjs/common';
import type { Devnet } from 'src/devnet/devnet';
import { simulateStake, stakeOutlook } from 'src/domain/committee/stake-outlook';
import { apyWindows } from 'src/domain/staking/apy';
import { graphql } from 'test/support/graphql';
import { query, startIndexedApi, waitForWatermarks, type IndexedApi } from 'test/support/indexer-harness';

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

  it('pages every ordering to the same list as one page, whatever the directions', async () => {
    const orderings = [
      '[{ field: stake, direction: desc }]',
      '[{ field: shards, direction: desc }, { field: name, direction: asc }]',
      '[{ field: commissionRate, direction: asc }, { field: stake, direction: desc }]',
      '[{ field: shards, direction: asc }]',
      '[{ field: name, direction: desc }]',
    ];
    for (const orderBy of orderings) {
      const whole = await page(`(first: 100, orderBy: ${orderBy})`);
      const paged: string[] = [];
      let after: string | null = null;
      for (;;) {
        const next: Page = await page(
          `(first: 2, orderBy: ${orderBy}${after === null ? '' : `, after: "${after}"`})`,
        );
        expect(next.totalCount).toBe(whole.totalCount);
        paged.push(...next.edges.map((edge) => edge.node.nodeId));
        if (!next.pageInfo.hasNextPage) {
          break;
        }
        after = next.pageInfo.endCursor;
      }
      expect(paged).toEqual(whole.edges.map((edge) => edge.node.nodeId));
    }
    // Past the last operator: an empty page that still counts the matches.
    const last = await page(`(first: 100)`);
    const beyond = await page(`(after: "${last.edges.at(-1)?.cursor ?? ''}")`);
    expect(beyond).toEqual({
      totalCount: last.totalCount,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [],
    });
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

  it('shows each operator’s committee outlook, history, exchange rates and self-stake', async () => {
    const network = devnet.network;
    for (const node of byStake().slice(0, 4)) {
      const response = await graphql(
        app,
        `{ operator(id: "${node.nodeId}") { outlook { rank activeSetSize shards shardCap saturated smallestStakeWithShards guaranteedShards }
           apy { epochs fromEpoch toEpoch growth apy elapsedMs nominalEpochs }
           history(last: 2) { epoch stake shards commissionRate } exchangeRates { epoch walAmount shareAmount } selfStake } }`,
      );
      expect(response.errors).toBeUndefined();
      const operator = response.data?.operator as {
        outlook: Record<string, unknown>;
        apy: unknown[];
        history: { epoch: number; stake: string; shards: number; commissionRate: number }[];
        exchangeRates: unknown[];
        selfStake: string;
      };
      const expected = stakeOutlook(network.nShards, network.activeSet.entries, node.nodeId);
      expect(operator.outlook).toEqual({
        ...expected,
        smallestStakeWithShards: expected.smallestStakeWithShards?.toString() ?? null,
      });
      // Annualised over the epochs' real lengths, which the handoffs stretch past the nominal one.
      const timeline = { startsMs: network.epochStartsMs, nominalDurationMs: network.epochDurationMs };
      const expectedApy = apyWindows(node.pool.exchangeRates, timeline);
      expect(operator.apy).toEqual(
        expectedApy.map((window) => ({
          epochs: window.epochs,
          fromEpoch: window.fromEpoch,
          toEpoch: window.toEpoch,
          growth: window.growth,
          apy: window.apy,
          elapsedMs: window.elapsedMs,
          nominalEpochs: window.nominalEpochs,
        })),
      );
      expect(
        expectedApy.some(
          (window) => window.elapsedMs > (window.toEpoch - window.fromEpoch) * network.epochDurationMs,
        ),
      ).toBe(true);
      expect(operator.history[0]).toEqual({
        epoch: network.epoch,
        stake: node.pool.walBalance.toString(),
        shards: network.committee.find((member) => member.nodeId === node.nodeId)?.shards.length ?? 0,
        commissionRate: node.pool.commissionRate,
      });
      expect(operator.exchangeRates).toHaveLength(node.pool.exchangeRates.size);
      const own = [...network.positions.values()]
        .filter((position) => position.owner === node.operator && position.stakedWal.nodeId === node.nodeId)
        .reduce((sum, position) => sum + position.stakedWal.principal, 0n);
      expect(operator.selfStake).toBe(own.toString());
    }
  });

  it('batches the per-operator fields of a list and answers them as the single queries do', async () => {
    const network = devnet.network;
    const response = await graphql(
      app,
      '{ operators(first: 1000) { edges { node { nodeId outlook { rank shards shardCap } selfStake } } } }',
    );
    expect(response.errors).toBeUndefined();
    const edges = (
      response.data?.operators as {
        edges: { node: { nodeId: string; outlook: unknown; selfStake: string } }[];
      }
    ).edges;
    expect(edges).toHaveLength(network.nodes.size);
    for (const { node } of edges) {
      const expected = stakeOutlook(network.nShards, network.activeSet.entries, node.nodeId as never);
      expect(node.outlook).toEqual({
        rank: expected.rank,
        shards: expected.shards,
        shardCap: expected.shardCap,
      });
      const own = [...network.positions.values()]
        .filter(
          (position) =>
            position.owner === network.node(node.nodeId as never).operator &&
            position.stakedWal.nodeId === node.nodeId,
        )
        .reduce((sum, position) => sum + position.stakedWal.principal, 0n);
      expect(node.selfStake).toBe(own.toString());
    }
  });

  it('simulates a stake: its activation, the node’s shards before and after, the yield per WAL', async () => {
    const network = devnet.network;
    const node = byStake().at(-1);
    if (node === undefined) {
      throw new Error('no nodes');
    }
    const amount = 5_000_000n * 1_000_000_000n;
    const response = await graphql(
      app,
      `{ simulateStake(nodeId: "${node.nodeId}", amount: "${amount}") { activationEpoch
         before { shards rank } after { shards rank } yieldPerWalRatio } }`,
    );
    const expected = simulateStake(
      network.nShards,
      {
        maxSize: network.activeSet.maxSize,
        thresholdStake: network.activeSet.thresholdStake,
        entries: network.activeSet.entries,
      },
      node.nodeId,
      node.pool.walBalance,
      amount,
    );
    expect(response.data?.simulateStake).toEqual({
      activationEpoch: network.epoch + (network.committeeSelected ? 2 : 1),
      before: { shards: expected.before.shards, rank: expected.before.rank },
      after: { shards: expected.after.shards, rank: expected.after.rank },
      yieldPerWalRatio: expected.yieldPerWalRatio,
    });
    expect(expected.after.shards).toBeGreaterThan(expected.before.shards);
    const code = async (query: string) => (await graphql(app, query)).errors?.[0]?.extensions.code;
    expect(await code(`{ simulateStake(nodeId: "${node.nodeId}", amount: "5") { activationEpoch } }`)).toBe(
      'BAD_USER_INPUT',
    );
    expect(await code(`{ simulateStake(nodeId: "${node.nodeId}", amount: "-1") { activationEpoch } }`)).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      await code(
        `{ simulateStake(nodeId: "0x${'cd'.repeat(32)}", amount: "${amount}") { activationEpoch } }`,
      ),
    ).toBe('NOT_FOUND');
  });

  it('answers as of a past epoch: that epoch’s committee, and the network’s state then', async () => {
    const network = devnet.network;
    const past = network.epoch - 1;
    const then = await page(`(first: 1000, asOf: { epoch: ${past} })`);
    const shardsThen = new Map<string, number>(
      network.previousCommittee.map((member) => [member.nodeId, member.shards.length]),
    );
    for (const edge of then.edges) {
      expect(edge.node.shards).toBe(shardsThen.get(edge.node.nodeId) ?? 0);
      expect(edge.node.inCommittee).toBe(shardsThen.has(edge.node.nodeId));
    }
    expect(then.edges.filter((edge) => edge.node.inCommittee)).toHaveLength(network.previousCommittee.length);
    const now = await page('(first: 1000)');
    expect((await page(`(first: 1000, asOf: { epoch: ${network.epoch} })`)).edges).toEqual(now.edges);

    const state = await graphql(
      app,
      `{ network(asOf: { epoch: ${past} }) { epoch state secondsUntilEpochChange } }`,
    );
    expect(state.data?.network).toEqual({
      epoch: past,
      state: 'NextParamsSelected',
      secondsUntilEpochChange: null,
    });
    const future = await graphql(app, `{ operators(asOf: { epoch: ${network.epoch + 5} }) { totalCount } }`);
    expect(future.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers bad arguments with coded errors', async () => {
    const code = async (query: string) => (await graphql(app, query)).errors?.[0]?.extensions.code;
    expect(await code('{ operator(id: "not-an-address") { nodeId } }')).toBe('BAD_USER_INPUT');
    expect(await code(`{ operator(id: "0x${'ab'.repeat(32)}") { nodeId } }`)).toBe('NOT_FOUND');
    expect(await code('{ operators(first: 10000) { totalCount } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ operators(after: "bm9wZQ==") { totalCount } }')).toBe('BAD_USER_INPUT');
    expect(await code('{ operators(where: { nodeId_in: ["0xzz"] }) { totalCount } }')).toBe('BAD_USER_INPUT');
  });

  // Last: it ticks the network on.
  it('marks a scheduled commission rate whose epoch passed outside every committee as lapsed', async () => {
    const network = devnet.network;
    // A candidate no committee takes (too little stake for a shard) raises its commission.
    const idle = network.registerCandidate({
      name: 'idle-hiker',
      operator: devnet.delegatorAddress('idle-hiker-operator'),
      commissionRate: 500,
      storagePrice: 10_000n,
      writePrice: 20_000n,
      nodeCapacity: 1_000_000_000_000n,
    });
    network.stakeWithPool(devnet.delegatorAddress('idle-hiker-delegator'), idle, 1_000_000_000n);
    network.setNextCommission(idle, 2500);
    const missed = network.epoch + 2;
    devnet.runUntilEpochDone(missed);
    network.setNextCommission(idle, 3000);
    const ahead = network.epoch + 2;
    devnet.tick();
    await waitForWatermarks(api.databaseUrl, devnet.ledger.tip, 30_000);
    // The deployed v3 rule: the pool was never advanced in epoch `missed`, so the rate stays
    // scheduled on chain but will never apply.
    expect(network.node(idle).pool.pendingCommissionRate.entries.map((entry) => entry.epoch)).toEqual([
      missed,
      ahead,
    ]);
    expect(network.node(idle).pool.commissionRate).toBe(500);
    const response = await graphql(
      app,
      `{ operator(id: "${idle}") { commissionRate pendingCommissionRates { effectiveEpoch rate status
         avoidByRequestInEpoch avoidRequestBefore tooLateToAvoid } } }`,
    );
    expect(response.errors).toBeUndefined();
    // The rate of epoch `ahead` is avoided by a request in the epoch before it, before its
    // voting_end: at the earliest half an epoch after that epoch starts, one epoch after this
    // epoch's handoff was done.
    const [clock] = await query<{ epoch: number; state_timestamp_ms: string; epoch_duration_ms: string }>(
      api.databaseUrl,
      'SELECT epoch, state_timestamp_ms, epoch_duration_ms FROM staking_state ORDER BY checkpoint DESC LIMIT 1',
    );
    expect(clock?.epoch).toBe(ahead - 2);
    const duration = Number(clock?.epoch_duration_ms);
    const requestBefore = Number(clock?.state_timestamp_ms) + duration + Math.floor(duration / 2);
    expect(response.data?.operator).toEqual({
      commissionRate: 500,
      pendingCommissionRates: [
        {
          effectiveEpoch: missed,
          rate: 2500,
          status: 'LAPSED',
          avoidByRequestInEpoch: missed - 1,
          avoidRequestBefore: null,
          tooLateToAvoid: true,
        },
        {
          effectiveEpoch: ahead,
          rate: 3000,
          status: 'PENDING',
          avoidByRequestInEpoch: ahead - 1,
          avoidRequestBefore: new Date(requestBefore).toISOString(),
          tooLateToAvoid: false,
        },
      ],
    });
    const versions = await query<{ interface_version: number }>(
      api.databaseUrl,
      'SELECT DISTINCT interface_version FROM staking_state',
    );
    expect(versions).toEqual([{ interface_version: 3 }]);
  });
});
