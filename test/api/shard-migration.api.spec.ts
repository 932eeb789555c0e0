import { graphql } from 'test/support/graphql';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

describe('GraphQL shard migration', () => {
  let api: IndexedApi;

  beforeAll(async () => {
    api = await startIndexedApi('node-churn', 11, 3);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('plans the next epoch’s handoff before it starts: a forecast or the selected committee, equal to its diff', async () => {
    const current = api.devnet.network.epoch;
    const result = await graphql(
      api.app,
      `{ nextCommittee { committee { epoch predicted } change { movedShards } }
         shardMigration(epoch: ${current + 1}) { epoch kind status movedShards waves concurrency etaSeconds
           progress { planned received } moves { from to wave state } nodes { nodeId gained lost attested } } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      nextCommittee: { committee: { epoch: number; predicted: boolean }; change: { movedShards: number } };
      shardMigration: {
        epoch: number;
        kind: string;
        status: string;
        movedShards: number;
        waves: number;
        concurrency: number;
        progress: { planned: number; received: number };
        moves: { from: string | null; to: string; wave: number; state: string }[];
        nodes: { nodeId: string; gained: number; lost: number; attested: boolean }[];
      };
    };
    const plan = data.shardMigration;
    expect(plan.epoch).toBe(current + 1);
    expect(plan.kind).toBe(data.nextCommittee.committee.predicted ? 'FORECAST' : 'SELECTED');
    expect(plan.movedShards).toBe(data.nextCommittee.change.movedShards);
    expect(plan.moves.every((move) => move.state === 'PLANNED')).toBe(true);
    expect(plan.concurrency).toBe(10);
    // Each destination syncs at most 10 shards per wave.
    const perWave = new Map<string, number>();
    for (const move of plan.moves) {
      const key = `${move.to}/${move.wave}`;
      perWave.set(key, (perWave.get(key) ?? 0) + 1);
    }
    expect(Math.max(0, ...perWave.values())).toBeLessThanOrEqual(10);
    const gained = plan.nodes.reduce((total, node) => total + node.gained, 0);
    expect(gained).toBe(plan.movedShards);
  });

  it('shows a tracked handoff and each operator’s handoff history', async () => {
    const current = api.devnet.network.epoch;
    const result = await graphql(
      api.app,
      `{ shardMigration(epoch: ${current}) { epoch kind movedShards quorum { quorumWeight totalWeight }
           quorum { reached attestedWeight } nodes { nodeId weight attested } }
         operators(first: 1, orderBy: [{ field: stake, direction: desc }]) {
           edges { node { nodeId handoffs(last: 2) { epoch gained startedAt attestedAt syncSeconds } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    const data = result.data as {
      shardMigration: {
        epoch: number;
        kind: string;
        quorum: { quorumWeight: number; totalWeight: number };
        nodes: { nodeId: string; weight: number; attested: boolean }[];
      };
      operators: {
        edges: { node: { handoffs: { epoch: number; startedAt: string; attestedAt: string | null }[] } }[];
      };
    };
    expect(data.shardMigration).toMatchObject({
      epoch: current,
      kind: 'LIVE',
      quorum: { quorumWeight: 667, totalWeight: 1000 },
    });
    // Done once two thirds attested; the nodes that attested are the ones the chain's caps say.
    const attested = api.devnet.network.committee.filter(
      (member) => (api.devnet.storageNodes.get(member.nodeId)?.lastAttestedEpoch ?? 0) >= current,
    );
    expect(
      data.shardMigration.nodes
        .filter((node) => node.attested)
        .map((node) => node.nodeId)
        .sort(),
    ).toEqual(attested.map((member) => member.nodeId).sort());
    const handoffs = data.operators.edges[0]?.node.handoffs ?? [];
    expect(handoffs.map((handoff) => handoff.epoch)).toEqual([current, current - 1]);
    expect(handoffs[1]?.attestedAt).not.toBeNull();
  });

  it('refuses a negative epoch and reports an unknown one', async () => {
    const negative = await graphql(api.app, '{ shardMigration(epoch: -1) { epoch } }');
    expect(negative.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const unknown = await graphql(api.app, '{ shardMigration(epoch: 999) { epoch } }');
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const tooMany = await graphql(
      api.app,
      '{ operators(first: 1) { edges { node { handoffs(last: 0) { epoch } } } } }',
    );
    expect(tooMany.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
