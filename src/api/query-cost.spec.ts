import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, print } from 'graphql';
import { priceOfQueryText, queryCost } from 'src/api/query-cost';
import { DEFAULT_QUERY_COST_BUDGET } from 'src/config/app-config';
import { docExamples } from 'test/support/doc-examples';

const ROOT = join(__dirname, '..', '..');
const schema = buildSchema(readFileSync(join(ROOT, 'schema.gql'), 'utf8'));

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const priced = queryCost(schema, parse(query), variables, undefined);
  if (priced.kind !== 'cost') {
    throw new Error(`not priced: ${priced.kind}`);
  }
  return priced.cost;
}

const OPERATOR_FIELDS = 'nodeId name stake history(last: 30) { epoch stake shards } apy { epochs apy }';

describe('query cost', () => {
  it('counts a field once and multiplies a page by its first, counting edges once', () => {
    expect(cost('{ network { epoch } }')).toBe(2);
    expect(cost('{ operators(first: 10) { edges { node { nodeId } } } }')).toBe(31);
    expect(cost('{ operators(first: 20) { edges { node { nodeId } } } }')).toBe(61);
    // Without first, the page default (50).
    expect(cost('{ operators { edges { node { nodeId } } } }')).toBe(151);
  });

  it('takes page sizes from variables and bounds them as the resolvers do', () => {
    const query = 'query Page($n: Int) { operators(first: $n) { edges { node { nodeId } } } }';
    expect(cost(query, { n: 5 })).toBe(16);
    expect(cost(query, { n: 1_000_000 })).toBe(cost(query, { n: 1000 }));
  });

  it('prices every example query of the README and docs/ within the default budget', () => {
    const operations = docExamples();
    expect(operations.length).toBeGreaterThan(10);
    for (const { name, document } of operations) {
      const priced = queryCost(schema, document, {}, undefined);
      const cost = priced.kind === 'cost' ? priced.cost : Number.POSITIVE_INFINITY;
      expect({ name, within: cost <= DEFAULT_QUERY_COST_BUDGET }).toEqual({ name, within: true });
    }
  });

  it('prices amplification by aliases, fragments and nested lists far over the budget', () => {
    const aliases = Array.from(
      { length: 150 },
      (_, i) => `a${i}: operators(first: 1000) { edges { node { ${OPERATOR_FIELDS} } } }`,
    ).join('\n');
    expect(cost(`{ ${aliases} }`)).toBeGreaterThan(100 * DEFAULT_QUERY_COST_BUDGET);
    // One such alias alone: 1 000 operators with 30 epochs of history and 4 APY windows each.
    expect(cost(`{ ${aliases.split('\n')[0] ?? ''} }`)).toBeGreaterThan(DEFAULT_QUERY_COST_BUDGET);

    const fragments = `
      fragment Op on Operator { ${OPERATOR_FIELDS} }
      fragment Twice on Operator { ...Op again: history(last: 1000) { epoch } }
      { operators(first: 1000) { edges { node { ...Twice ...Op } } } }`;
    expect(cost(fragments)).toBeGreaterThan(DEFAULT_QUERY_COST_BUDGET);

    const nested = '{ shardMigration { moves { shard } nodes { nodeId } } committee { members { nodeId } } }';
    expect(cost(nested)).toBeLessThan(DEFAULT_QUERY_COST_BUDGET);
    expect(
      cost(
        `{ ${Array.from({ length: 40 }, (_, i) => `m${i}: shardMigration { moves { shard from to state } }`).join(' ')} }`,
      ),
    ).toBeGreaterThan(DEFAULT_QUERY_COST_BUDGET);
  });

  it('refuses to price a query too large to walk', () => {
    const aliases = Array.from({ length: 30_000 }, (_, i) => `e${i}: network { epoch }`).join(' ');
    expect(queryCost(schema, parse(`{ ${aliases} }`), {}, undefined)).toEqual({ kind: 'too_large' });
  });

  it('stops pricing once past a given bound, and prices the same as a whole when it stays under', () => {
    const unit = 'operators(first: 100) { edges { node { nodeId history(last: 30) { epoch } } } }';
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${unit}`).join(' ')} }`;
    const one = cost(`{ ${unit} }`);
    const stopped = queryCost(schema, parse(aliases(150)), {}, undefined, 10 * one + 1);
    // Eleven aliases are past ten of them and one: the other 139 were not priced.
    expect(stopped).toEqual({ kind: 'over', atLeast: 11 * one });
    expect(queryCost(schema, parse(aliases(5)), {}, undefined, 10 * one)).toEqual({
      kind: 'cost',
      cost: cost(aliases(5)),
    });
    expect(cost(aliases(5))).toBe(5 * one);
  });

  describe('from its text', () => {
    const unit = 'operators(first: 100) { edges { node { nodeId history(last: 30) { epoch } } } }';
    const aliases = (n: number) => Array.from({ length: n }, (_, i) => `a${i}: ${unit}`).join(' ');
    const whole = (text: string, variables: Record<string, unknown> = {}, operationName?: string) =>
      queryCost(schema, parse(text), variables, operationName, DEFAULT_QUERY_COST_BUDGET);
    const fromText = (text: string, variables: Record<string, unknown> = {}, operationName?: string) =>
      priceOfQueryText(schema, { text, variables, operationName }, DEFAULT_QUERY_COST_BUDGET);

    it('prices every example query of the README and docs/ as the whole document does', () => {
      for (const { name, document } of docExamples()) {
        const text = print(document);
        expect({ name, price: fromText(text) }).toEqual({ name, price: whole(text) });
      }
    });

    it('stops reading once past the budget: what follows is not even parsed', () => {
      const one = cost(`{ ${unit} }`);
      const atLeast = (Math.floor(DEFAULT_QUERY_COST_BUDGET / one) + 1) * one;
      expect(fromText(`{ ${aliases(150)} }`)).toEqual({ kind: 'over', atLeast });
      expect(fromText(`{ ${aliases(150)} }`)).toEqual(whole(`{ ${aliases(150)} }`));
      // Broken past the point of refusal: refused all the same.
      expect(fromText(`{ ${aliases(150)} this is { not GraphQL`)).toEqual({ kind: 'over', atLeast });
      // Broken before it: not priced, for execution to answer with its own error.
      expect(fromText(`{ a0: ${unit} a1: operators(first: }`)).toBeUndefined();
      expect(fromText('')).toBeUndefined();
    });

    it('prices named operations with variables, fragments and several operations as the whole does', () => {
      const cases: [string, Record<string, unknown>, string | undefined][] = [
        ['query Page($n: Int) { operators(first: $n) { edges { node { nodeId } } } }', { n: 5 }, undefined],
        ['query Page($n: Int) { operators(first: $n) { edges { node { nodeId } } } }', { n: 1e6 }, 'Page'],
        [`query Many @skip(if: false) { ${aliases(150)} }`, {}, undefined],
        // A fragment defined after its use: the text is read whole.
        [
          `{ ${aliases(3)} operators(first: 1000) { edges { node { ...Op } } } } fragment Op on Operator { ${OPERATOR_FIELDS} }`,
          {},
          undefined,
        ],
        // Inline fragments need nothing from further on.
        [`{ ${aliases(150).replace(/nodeId/g, '... on Operator { nodeId }')} }`, {}, undefined],
        // The second of two operations: the first is not the one priced.
        [`query First { ${aliases(150)} } query Second { network { epoch } }`, {}, 'Second'],
        [`query First { network { epoch } } query Second { ${aliases(150)} }`, {}, 'Second'],
        ['{ network { epoch } } fragment Unused on Operator { nodeId }', {}, undefined],
        // Variables that do not coerce: not analysable, read either way.
        [
          'query Page($n: Int) { operators(first: $n) { edges { node { nodeId } } } }',
          { n: 'many' },
          undefined,
        ],
        // Thousands of cheap selections (priced a run at a time).
        [
          `{ ${Array.from({ length: 4000 }, (_, i) => `e${i}: network { epoch }`).join(' ')} }`,
          {},
          undefined,
        ],
        // One selection over the budget: its exact cost, not a bound.
        [
          '{ operators(first: 1000) { edges { node { nodeId history(last: 100) { epoch } } } } }',
          {},
          undefined,
        ],
      ];
      for (const [text, variables, operationName] of cases) {
        expect({ text, price: fromText(text, variables, operationName) }).toEqual({
          text,
          price: whole(text, variables, operationName),
        });
      }
      expect(
        fromText(`query First { ${aliases(150)} } query Second { network { epoch } }`, {}, 'Second'),
      ).toEqual({
        kind: 'cost',
        cost: 2,
      });
    });
  });
});
