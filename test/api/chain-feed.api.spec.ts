import { graphql } from 'test/support/graphql';
import { query, startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

interface EventPage {
  edges: {
    cursor: string;
    node: {
      checkpoint: string;
      txDigest: string;
      eventIndex: number;
      type: string;
      epoch: number | null;
      fields: { name: string; value: string }[];
    };
  }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('the chain’s story as a feed: events, an operator’s delegators and flows', () => {
  let api: IndexedApi;

  beforeAll(async () => {
    api = await startIndexedApi('steady-state', 29, 4);
  }, 90_000);

  afterAll(async () => {
    await api.close();
  });

  const events = async (args: string): Promise<EventPage> => {
    const result = await graphql(
      api.app,
      `{ events(${args}) { edges { cursor node { checkpoint txDigest eventIndex type epoch fields { name value } } }
           pageInfo { hasNextPage endCursor } } }`,
    );
    expect(result.errors).toBeUndefined();
    return result.data?.events as EventPage;
  };

  it('pages through every event in chain order, filtered by type and epoch, with decoded fields', async () => {
    const stored = await query<{ n: string }>(api.databaseUrl, 'SELECT count(*) AS n FROM walrus_event');
    const seen: EventPage['edges'] = [];
    let after: string | null = null;
    for (;;) {
      const page: EventPage = await events(`first: 7${after === null ? '' : `, after: "${after}"`}`);
      seen.push(...page.edges);
      if (!page.pageInfo.hasNextPage) {
        break;
      }
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(Number(stored[0]?.n));
    const keys = seen.map(
      (edge) => `${edge.node.checkpoint.padStart(12, '0')}/${edge.node.txDigest}/${edge.node.eventIndex}`,
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(keys);

    const starts = await events('where: { types: ["EpochChangeStart"] }, first: 100');
    expect(starts.edges.map((edge) => edge.node.epoch)).toEqual([1, 2, 3, 4]);
    expect(starts.edges[1]?.node.fields).toEqual([{ name: 'epoch', value: '2' }]);
    const received = await events('where: { types: ["ShardsReceived"], epoch: 3 }, first: 100');
    expect(received.edges.length).toBeGreaterThan(0);
    expect(received.edges.every((edge) => edge.node.type === 'ShardsReceived' && edge.node.epoch === 3)).toBe(
      true,
    );
  });

  it('refuses an unknown event type and a cursor of another list, with a code', async () => {
    const unknown = await graphql(
      api.app,
      '{ events(where: { types: ["BlobRegistered"] }) { pageInfo { hasNextPage } } }',
    );
    expect(unknown.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(unknown.errors?.[0]?.message).toContain('unknown event types: BlobRegistered');
    const bad = await graphql(api.app, '{ events(after: "bm90IGEgY3Vyc29y") { pageInfo { hasNextPage } } }');
    expect(bad.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('lists each operator’s delegators by principal, and its flows add up to its delegators', async () => {
    const result = await graphql(
      api.app,
      `
        {
          operators(first: 3) {
            edges {
              node {
                nodeId
                delegatorCount
                delegators(first: 2) {
                  edges {
                    cursor
                    node {
                      address
                      principal
                      positions
                    }
                  }
                  pageInfo {
                    hasNextPage
                    endCursor
                  }
                }
                flows(last: 10) {
                  epoch
                  stakeAdded
                  stakeWithdrawn
                  delegatorsJoined
                  delegatorsLeft
                  delegators
                }
              }
            }
          }
        }
      `,
    );
    expect(result.errors).toBeUndefined();
    const operators = (
      result.data?.operators as {
        edges: {
          node: {
            nodeId: string;
            delegatorCount: number;
            delegators: {
              edges: { cursor: string; node: { address: string; principal: string; positions: number } }[];
              pageInfo: { hasNextPage: boolean; endCursor: string | null };
            };
            flows: {
              epoch: number;
              stakeAdded: string;
              stakeWithdrawn: string;
              delegatorsJoined: number;
              delegatorsLeft: number;
              delegators: number;
            }[];
          };
        }[];
      }
    ).edges.map((edge) => edge.node);
    for (const operator of operators) {
      const holders = await query<{ owner: string; principal: string }>(
        api.databaseUrl,
        `SELECT owner, sum(principal)::text AS principal FROM staked_wal
         WHERE node_id = '${operator.nodeId}' AND deleted_checkpoint IS NULL GROUP BY owner ORDER BY sum(principal) DESC, owner`,
      );
      expect(operator.delegators.edges.map((edge) => [edge.node.address, edge.node.principal])).toEqual(
        holders.slice(0, 2).map((row) => [row.owner, row.principal]),
      );
      // Flows: newest first, each epoch's delegators the previous count plus joined minus left.
      const flows = operator.flows;
      expect(flows[0]?.delegators).toBe(operator.delegatorCount);
      for (const [index, flow] of flows.entries()) {
        const older = flows[index + 1];
        if (older !== undefined) {
          expect(flow.epoch).toBe(older.epoch + 1);
          expect(flow.delegators).toBe(older.delegators + flow.delegatorsJoined - flow.delegatorsLeft);
        }
      }
    }
    // The workload's stakes show as stake added.
    expect(operators.some((operator) => operator.flows.some((flow) => BigInt(flow.stakeAdded) > 0n))).toBe(
      true,
    );
    // The next page of the first operator's delegators starts after its cursor.
    const first = operators[0];
    if (first?.delegators.pageInfo.hasNextPage === true) {
      const next = await graphql(
        api.app,
        `{ operator(id: "${first.nodeId}") { delegators(first: 2, after: "${first.delegators.pageInfo.endCursor ?? ''}") {
             edges { node { address } } } } }`,
      );
      expect(next.errors).toBeUndefined();
      const addresses = (
        next.data?.operator as { delegators: { edges: { node: { address: string } }[] } }
      ).delegators.edges.map((edge) => edge.node.address);
      expect(
        addresses.some((address) => first.delegators.edges.some((edge) => edge.node.address === address)),
      ).toBe(false);
    }
  });
});
