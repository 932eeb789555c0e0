import { graphql } from 'test/support/graphql';
import { query, startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

interface Ranked {
  nodeId: string;
  apy: { epochs: number | null; apy: number | null }[];
  score: { score: number | null; components: { name: string; value: number; inputs: string }[] };
}

const DAY_MS = 24 * 60 * 60 * 1000;

describe('operators ranked by APY and performance score', () => {
  let api: IndexedApi;

  beforeAll(async () => {
    // Day-long epochs, so that APYs are real numbers; one checkpoint every 1% of an epoch.
    api = await startIndexedApi('node-churn', 17, 5, {
      epochDurationMs: DAY_MS,
      checkpointIntervalMs: DAY_MS / 100,
    });
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  async function ranked(orderBy: string): Promise<Ranked[]> {
    const response = await graphql(
      api.app,
      `{ operators(first: 100, orderBy: ${orderBy}) { totalCount edges { node { nodeId
           apy { epochs apy } score { score components { name value inputs } } } } } }`,
      { fresh: true },
    );
    expect(response.errors).toBeUndefined();
    const operators = response.data?.operators as { totalCount: number; edges: { node: Ranked }[] };
    expect(operators.edges).toHaveLength(operators.totalCount);
    return operators.edges.map((edge) => edge.node);
  }

  /** The APY the order uses: the longest window of at most 10 epochs. */
  const orderingApy = (node: Ranked) =>
    node.apy
      .filter((w) => w.epochs !== null && w.epochs <= 10 && w.apy !== null)
      .sort((a, b) => (b.epochs ?? 0) - (a.epochs ?? 0))[0]?.apy ?? null;

  function expectOrdered(values: (number | null)[], direction: 'asc' | 'desc'): void {
    const present = values.filter((value) => value !== null);
    // Operators without a value come last.
    expect(values.slice(0, present.length).every((value) => value !== null)).toBe(true);
    const sorted = [...present].sort((a, b) => (direction === 'asc' ? a - b : b - a));
    expect(present).toEqual(sorted);
  }

  it('orders by APY, both ways, with operators without one last', async () => {
    const byApy = await ranked('[{ field: apy, direction: desc }]');
    const values = byApy.map(orderingApy);
    expect(values.filter((value) => value !== null).length).toBeGreaterThan(3);
    expectOrdered(values, 'desc');
    expectOrdered((await ranked('[{ field: apy, direction: asc }]')).map(orderingApy), 'asc');
  });

  it('orders by performance score, whose attestation share is the chain’s', async () => {
    const byScore = await ranked('[{ field: score, direction: desc }, { field: name, direction: asc }]');
    expectOrdered(
      byScore.map((node) => node.score.score),
      'desc',
    );
    const top = byScore[0];
    expect(top?.score.score).not.toBeNull();
    const attestations = top?.score.components.find((component) => component.name === 'attestations');
    expect(attestations?.inputs).toMatch(/^\d+ of \d+ epochs attested$/);
    const [attested, total] = (attestations?.inputs.match(/\d+/g) ?? []).map(Number);
    expect(attestations?.value).toBeCloseTo((attested ?? 0) / (total ?? 1), 10);
  });

  it('scores the node whose commission a quorum burnt below an untouched one on slashing', async () => {
    const byName = new Map(
      (await ranked('[{ field: name, direction: asc }]')).map((node) => [
        api.devnet.network.nodes.get(node.nodeId as never)?.name,
        node.score.components.find((component) => component.name === 'slashing'),
      ]),
    );
    // node-10 had a pool in all 6 epochs (0..5) of the window and was slashed in one of them.
    expect(byName.get('node-10')?.value).toBeCloseTo(1 - 1 / 6, 10);
    expect(byName.get('node-10')?.inputs).toMatch(
      /^1 slashing proposal\(s\) in 6 epochs, 1 executed; strongest \d+ of 667 shards$/,
    );
    expect(byName.get('node-1')).toEqual({
      name: 'slashing',
      value: 1,
      inputs: 'no slashing proposal in 6 epochs',
    });
  });

  it('pages a computed order with cursors like any other', async () => {
    const pageOf = async (after: string | null) => {
      const response = await graphql(
        api.app,
        `{ operators(first: 3${after === null ? '' : `, after: "${after}"`}, orderBy: [{ field: score, direction: desc }]) {
             pageInfo { endCursor hasNextPage } edges { node { nodeId score { score } } } } }`,
      );
      expect(response.errors).toBeUndefined();
      return response.data?.operators as {
        pageInfo: { endCursor: string; hasNextPage: boolean };
        edges: { node: { nodeId: string; score: { score: number | null } } }[];
      };
    };
    const seen: { nodeId: string; score: number | null }[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const current = await pageOf(after);
      seen.push(...current.edges.map((edge) => ({ nodeId: edge.node.nodeId, score: edge.node.score.score })));
      if (!current.pageInfo.hasNextPage) {
        break;
      }
      after = current.pageInfo.endCursor;
    }
    // Every operator once, in score order (ties by node ID), across pages.
    const all = await ranked('[{ field: score, direction: desc }]');
    expect(new Set(seen.map((entry) => entry.nodeId)).size).toBe(all.length);
    expect(seen).toHaveLength(all.length);
    const rank = (entry: { nodeId: string; score: number | null }) =>
      [-(entry.score ?? -Infinity), entry.nodeId] as const;
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [rank(seen[i - 1]!), rank(seen[i]!)];
      expect(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])).toBe(true);
    }
  });

  it('resumes after the operator a page ended on when scores move between pages', async () => {
    const order = '[{ field: score, direction: desc }]';
    const pageOf = async (after: string | null) => {
      const response = await graphql(
        api.app,
        `{ operators(first: 4${after === null ? '' : `, after: "${after}"`}, orderBy: ${order}) {
             pageInfo { endCursor hasNextPage } edges { node { nodeId } } } }`,
        { fresh: true },
      );
      expect(response.errors).toBeUndefined();
      return response.data?.operators as {
        pageInfo: { endCursor: string; hasNextPage: boolean };
        edges: { node: { nodeId: string } }[];
      };
    };
    const before = (await ranked(order)).map((node) => node.nodeId);
    const first = await pageOf(null);
    expect(first.edges.map((edge) => edge.node.nodeId)).toEqual(before.slice(0, 4));
    // The leader is seen unreachable on a thousand polls: it drops to the bottom, behind the reader.
    const leader = before[0] as string;
    const epoch = `(SELECT max(epoch) FROM staking_state)`;
    await query(
      api.databaseUrl,
      `INSERT INTO node_availability (node_id, epoch, polls, reachable_polls, active_polls, ready_share_sum)
       VALUES ('${leader}', ${epoch}, 1000, 0, 0, 0)`,
    );
    try {
      const after = (await ranked(order)).map((node) => node.nodeId);
      expect(after.at(-1)).toBe(leader);
      const rest: string[] = [];
      let cursor: string | null = first.pageInfo.endCursor;
      while (cursor !== null) {
        const next = await pageOf(cursor);
        rest.push(...next.edges.map((edge) => edge.node.nodeId));
        cursor = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
      }
      // An index would have skipped the operator that moved up into the leader's place; the position
      // picks up right after the fourth, and the leader comes again where it now stands.
      expect(rest).toEqual([...before.slice(4), leader]);
    } finally {
      await query(api.databaseUrl, `DELETE FROM node_availability WHERE node_id = '${leader}'`);
    }
    expect((await ranked(order)).map((node) => node.nodeId)).toEqual(before);
  });

  it('refuses a cursor of another ordering, and one that was tampered with', async () => {
    const byScore = await graphql(
      api.app,
      '{ operators(first: 2, orderBy: [{ field: score, direction: desc }]) { pageInfo { endCursor } } }',
    );
    const cursor = (byScore.data?.operators as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const byName = await graphql(
      api.app,
      `{ operators(first: 2, after: "${cursor}", orderBy: [{ field: name, direction: asc }]) { totalCount } }`,
    );
    expect(byName.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(byName.errors?.[0]?.message).toBe(
      'this cursor belongs to a list ordered by score:desc, not by name:asc',
    );
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { keys: unknown[] };
    const tampered = Buffer.from(JSON.stringify({ ...payload, keys: ['high'] })).toString('base64url');
    const refused = await graphql(
      api.app,
      `{ operators(after: "${tampered}", orderBy: [{ field: score, direction: desc }]) { totalCount } }`,
    );
    expect(refused.errors?.[0]?.message).toBe(`not a cursor of this list: ${tampered}`);
  });
});
