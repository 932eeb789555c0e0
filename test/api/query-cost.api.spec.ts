import type { Server } from 'node:http';
import request from 'supertest';
import { DEFAULT_QUERY_COST_BUDGET } from 'src/config/app-config';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

interface CostedResponse {
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    extensions: { code: string; cost?: number; costAtLeast?: number; budget?: number };
  }[];
  extensions?: { cost?: { requested: number; budget: number } };
}

const OPERATOR = 'nodeId name stake history(last: 30) { epoch stake shards } apy { epochs apy }';

describe('query cost limits', () => {
  let api: IndexedApi;
  let small: IndexedApi;

  beforeAll(async () => {
    [api, small] = await Promise.all([
      startIndexedApi('steady-state', 41, 1),
      startIndexedApi('steady-state', 42, 1, {}, { TUSK_QUERY_COST_BUDGET: '200' }),
    ]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api.close(), small.close()]);
  });

  const post = async (target: IndexedApi, query: string, variables?: Record<string, unknown>) => {
    const response = await request(target.app.getHttpServer() as Server)
      .post('/graphql')
      .set('Cache-Control', 'no-cache')
      .send({ query, variables });
    return { status: response.status, body: response.body as CostedResponse };
  };

  it('refuses amplification by aliases before anything runs, stating the cost and the budget', async () => {
    const aliases = Array.from(
      { length: 150 },
      (_, i) => `a${i}: operators(first: 1000) { edges { node { ${OPERATOR} } } }`,
    ).join(' ');
    const { status, body } = await post(api, `{ ${aliases} }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    const error = body.errors?.[0];
    expect(error?.extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(error?.extensions.budget).toBe(DEFAULT_QUERY_COST_BUDGET);
    // Pricing stopped at the first alias past the budget: the answer says how much it costs at least.
    const atLeast = error?.extensions.costAtLeast ?? 0;
    expect(atLeast).toBeGreaterThan(DEFAULT_QUERY_COST_BUDGET);
    expect(atLeast).toBeLessThan(2 * DEFAULT_QUERY_COST_BUDGET);
    expect(error?.message).toBe(
      `the query costs at least ${String(atLeast)}; the budget is ${DEFAULT_QUERY_COST_BUDGET}`,
    );

    // Sent again, byte for byte or spaced differently, it is refused the same way, and counted.
    const refusals = async () => {
      const metrics = await request(api.app.getHttpServer() as Server).get('/metrics');
      return Number(
        /^tusk_api_refusals_total\{reason="query_too_costly"\} (\S+)$/m.exec(metrics.text)?.[1] ?? 0,
      );
    };
    const before = await refusals();
    for (const text of [`{ ${aliases} }`, `{ ${aliases} }`, `{  ${aliases}  }`]) {
      const again = await post(api, text);
      expect(again.status).toBe(400);
      expect(again.body).toEqual(body);
    }
    expect(await refusals()).toBe(before + 3);
  });

  it('refuses amplification by fragments and by page sizes in variables', async () => {
    const fragments = await post(
      api,
      `fragment Op on Operator { ${OPERATOR} }
       fragment More on Operator { ...Op again: history(last: 1000) { epoch } }
       { operators(first: 1000) { edges { node { ...More ...Op } } } }`,
    );
    expect(fragments.body.errors?.[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
    const variables = await post(
      api,
      `query Page($n: Int) { operators(first: $n) { edges { node { ${OPERATOR} } } } }`,
      { n: 1000 },
    );
    expect(variables.body.errors?.[0]?.extensions.code).toBe('QUERY_TOO_COSTLY');
    const affordable = await post(
      api,
      `query Page($n: Int) { operators(first: $n) { edges { node { ${OPERATOR} } } } }`,
      { n: 5 },
    );
    expect(affordable.body.errors).toBeUndefined();
    expect(affordable.body.extensions?.cost).toEqual({ requested: 526, budget: DEFAULT_QUERY_COST_BUDGET });
  });

  it('tells every answered query what it cost', async () => {
    const { body } = await post(api, '{ network { epoch state } }');
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost).toEqual({ requested: 3, budget: DEFAULT_QUERY_COST_BUDGET });
  });

  it('takes its budget from TUSK_QUERY_COST_BUDGET', async () => {
    const cheap = await post(small, '{ operators(first: 5) { edges { node { nodeId name } } } }');
    expect(cheap.body.extensions?.cost).toEqual({ requested: 21, budget: 200 });
    const dear = await post(small, '{ operators(first: 100) { edges { node { nodeId name } } } }');
    expect(dear.body.errors?.[0]).toMatchObject({
      message: 'the query costs 401; the budget is 200',
      extensions: { code: 'QUERY_TOO_COSTLY', cost: 401, budget: 200 },
    });
  });

  it('keeps the earlier limits: a page past 1000 is still bad input, a deep query still invalid', async () => {
    const page = await post(api, '{ operators(first: 1001) { edges { node { nodeId } } } }');
    expect(page.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    const deep = await post(api, `{ ${'network { '.repeat(30)}epoch${' }'.repeat(30)} }`);
    expect(deep.body.errors?.some((error) => error.extensions.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(
      true,
    );
  });
});
