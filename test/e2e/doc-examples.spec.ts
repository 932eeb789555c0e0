import { buildSchema, OperationTypeNode, print, validate } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { docExamples } from 'test/support/doc-examples';
import { graphql } from 'test/support/graphql';
import { startLiveTusk, type LiveTusk } from 'test/support/live-tusk';

jest.setTimeout(240_000);

/** Codes that say the example itself is wrong, whatever data the network holds. */
const BROKEN_EXAMPLE = [
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'QUERY_TOO_COSTLY',
  'RESPONSE_TOO_LARGE',
  'INTERNAL_SERVER_ERROR',
];

/**
 * The examples' placeholders filled with the live network's values: `"0x…"` with an operator's
 * node ID, or with one of its delegators' addresses where the argument is an address.
 */
function fillPlaceholders(query: string, live: { nodeId: string; address: string }): string {
  return query
    .replace(/(address|owner): "0x…"/g, `$1: "${live.address}"`)
    .replace(/"0x…"/g, `"${live.nodeId}"`);
}

/**
 * Every GraphQL example of the README and docs/ runs against a live local Tusk: a renamed field or
 * argument breaks this test, not the reader. Queries are sent over HTTP; subscriptions, which only
 * WebSockets serve, are validated against the served schema.
 */
describe('the documentation’s GraphQL examples', () => {
  let tusk: LiveTusk;
  let live: { nodeId: string; address: string };

  beforeAll(async () => {
    tusk = await startLiveTusk('steady-state');
    // Two epoch changes indexed, so that committees, rates and history exist to answer with.
    const deadline = Date.now() + 120_000;
    for (;;) {
      const answer = await graphql(tusk.app, '{ _meta { epoch } }');
      const epoch = (answer.data?._meta as { epoch: number | null } | undefined)?.epoch ?? 0;
      if (epoch >= 3) {
        break;
      }
      if (Date.now() > deadline) {
        throw new Error(`the local network did not reach epoch 3 in time (at ${epoch})`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const answer = await graphql(
      tusk.app,
      '{ operators(first: 1, orderBy: { field: stake }) { edges { node { nodeId delegators(first: 1) { edges { node { address } } } } } } }',
    );
    const operator = (
      answer.data as {
        operators: {
          edges: { node: { nodeId: string; delegators: { edges: { node: { address: string } }[] } } }[];
        };
      }
    ).operators.edges[0]?.node;
    const address = operator?.delegators.edges[0]?.node.address;
    if (operator === undefined || address === undefined) {
      throw new Error(`no operator with a delegator to fill the examples with: ${JSON.stringify(answer)}`);
    }
    live = { nodeId: operator.nodeId, address };
  });

  afterAll(async () => {
    await tusk.close();
  });

  it('runs every query and validates every subscription', async () => {
    const examples = docExamples();
    expect(examples.length).toBeGreaterThan(15);
    const schema = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema.gql'), 'utf8'));
    const broken: string[] = [];
    let answeredCleanly = 0;
    for (const example of examples) {
      if (example.operation.operation === OperationTypeNode.SUBSCRIPTION) {
        const errors = validate(schema, example.document);
        if (errors.length > 0) {
          broken.push(`${example.name}: ${errors.map((error) => error.message).join('; ')}`);
        }
        continue;
      }
      const answer = await graphql(tusk.app, fillPlaceholders(print(example.document), live));
      const errors = answer.errors ?? [];
      const wrong = errors.filter((error) => BROKEN_EXAMPLE.includes(error.extensions.code));
      if (wrong.length > 0 || answer.data === undefined || answer.data === null) {
        broken.push(
          `${example.name}: ${errors.map((error) => `${error.extensions.code} ${error.message}`).join('; ')}`,
        );
      } else if (errors.length === 0) {
        answeredCleanly++;
      }
    }
    expect(broken).toEqual([]);
    // Placeholders (an address, a node ID of another network) may answer NOT_FOUND; most must not.
    expect(answeredCleanly).toBeGreaterThan(examples.length / 2);
  });
});
