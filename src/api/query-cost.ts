import {
  getNullableType,
  isListType,
  Kind,
  OperationTypeNode,
  parse,
  TokenKind,
  type DefinitionNode,
  type DocumentNode,
  type OperationDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionNode,
} from 'graphql';
import { Parser } from 'graphql/language/parser';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEPLOYED_ACTIVE_SET_SIZE_LIMIT } from 'src/domain/committee/active-set';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from 'src/staking/operators.service';

/** Shards of a Walrus deployment: the bound of every per-shard list. */
const SHARDS = 1000;
/** Committee members, votes and handoff nodes are bounded by the active set. */
const NODES = DEPLOYED_ACTIVE_SET_SIZE_LIMIT;
/** A list the table below does not name: assumed this long. */
const DEFAULT_LIST_BOUND = 100;

/**
 * The longest each list without a page argument can be, by `Type.field`. A connection's `edges`
 * count once: the connection's own `first` already multiplies what they select.
 */
const LIST_BOUNDS: Readonly<Record<string, number>> = {
  'Query.methodology': 10,
  'OperatorConnection.edges': 1,
  'ChainEventConnection.edges': 1,
  'OperatorDelegatorConnection.edges': 1,
  'Committee.members': NODES,
  'CommitteeAudit.differences': NODES,
  'EpochReports.reports': NODES,
  'EpochReport.lateAttesters': NODES,
  'EpochReport.prematureAttesters': NODES,
  'EpochReport.differences': 6,
  'OwnEpochReport.lateAttesters': NODES,
  'OwnEpochReport.prematureAttesters': NODES,
  'CommitteeChange.moves': SHARDS,
  'CommitteeChange.nodes': NODES,
  'Query.shardMap': SHARDS,
  'ShardMigration.moves': SHARDS,
  'ShardMigration.nodes': NODES,
  'ShardMigration.alerts': NODES,
  'ShardMigration.stalls': NODES,
  'Governance.votes': NODES,
  'Governance.slashingProposals': NODES,
  'Governance.upgradeProposals': NODES,
  // One per upgrade of the package: a handful in its life.
  'Governance.contractUpgrades': 16,
  'UpgradeProposal.voters': NODES,
  'UpgradeProposal.nonVoters': NODES,
  'SlashingProposal.voters': NODES,
  'SlashingProposal.nonVoters': NODES,
  'Operator.apy': 4,
  'Operator.pendingCommissionRates': 4,
  // One bucket per future epoch the storage fund holds (`max_epochs_ahead`).
  'Operator.rewardProjections': 53,
  'PerformanceScore.components': 8,
  'Meta.pipelines': 8,
  'EpochRewards.nodes': NODES,
  // A node's free-form metadata: its own choice, priced as a generous few.
  'NodeMetadata.extraFields': 32,
  'NodeIdentityChange.changed': 7,
  'Availability.missing': NODES,
  'Availability.members': NODES,
  'OperatorAvailability.uptime': 3,
  'NodeIncident.reasons': 4,
  'ChainEvent.fields': 8,
};

/** The size a paged field asks for: its `first` or `last`, as the resolver will bound it. */
function pageSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>): number | undefined {
  const name = field.args.some((arg) => arg.name === 'first')
    ? 'first'
    : field.args.some((arg) => arg.name === 'last')
      ? 'last'
      : undefined;
  if (name === undefined) {
    return undefined;
  }
  const value = args[name];
  // Beyond the page limit the resolver refuses the request itself, with a more precise error.
  return typeof value === 'number' ? Math.max(0, Math.min(value, MAX_PAGE_SIZE)) : DEFAULT_PAGE_SIZE;
}

/**
 * A list costs one plus its length times what each element selects; a paged field (a list or a
 * connection) takes its length from `first`/`last`, any other list from `LIST_BOUNDS`. Fields that
 * are neither fall through to the next estimator (one per field).
 */
export const listSizeEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const paged = pageSize(field, args);
  if (paged !== undefined) {
    return 1 + paged * childComplexity;
  }
  if (!isListType(getNullableType(field.type))) {
    return undefined;
  }
  return 1 + (LIST_BOUNDS[`${type.name}.${field.name}`] ?? DEFAULT_LIST_BOUND) * childComplexity;
};

/** Nodes of a query that cost analysis walks at the most, aliases and fragments expanded. */
const MAX_ANALYSED_NODES = 20_000;

export type QueryCost =
  | { readonly kind: 'cost'; readonly cost: number }
  /** Past `stopAbove` part-way: it costs at least `atLeast`, the rest was not priced. */
  | { readonly kind: 'over'; readonly atLeast: number }
  /** Too large to analyse: more than `MAX_ANALYSED_NODES` nodes once fragments are expanded. */
  | { readonly kind: 'too_large' }
  /** Not analysable as sent (variables that do not coerce): execution refuses it with its own error. */
  | { readonly kind: 'invalid' };

/**
 * What a query costs: every field selected counts one, and lists multiply what their elements
 * select by their length (aliases, fragments and nested lists included).
 *
 * With `stopAbove`, the operation's top-level selections are priced one at a time and pricing
 * stops once their sum is past it (`over`): refusing a query then costs about as much as pricing
 * what the budget admits, however much more it asks for (150 copies of an expensive field are
 * refused after the ninth).
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | undefined,
  stopAbove?: number,
): QueryCost {
  const price = (query: DocumentNode): QueryCost => {
    try {
      const cost = getComplexity({
        schema,
        query,
        variables,
        operationName,
        estimators: [listSizeEstimator, simpleEstimator({ defaultComplexity: 1 })],
        maxQueryNodes: MAX_ANALYSED_NODES,
      });
      return { kind: 'cost', cost };
    } catch (error) {
      if (error instanceof Error && error.message.includes('maximum allowed number of nodes')) {
        return { kind: 'too_large' };
      }
      return { kind: 'invalid' };
    }
  };
  const operation = stopAbove === undefined ? undefined : operationOf(document, operationName);
  if (stopAbove === undefined || operation === undefined || operation.selectionSet.selections.length < 2) {
    return price(document);
  }
  const selections = operation.selectionSet.selections;
  let next = 0;
  return priceInRuns(
    () => selections[next++],
    () => next >= selections.length,
    (run) =>
      price({
        ...document,
        definitions: document.definitions.map((definition) =>
          definition === operation
            ? { ...operation, selectionSet: { ...operation.selectionSet, selections: run } }
            : definition,
        ),
      }),
    stopAbove,
  );
}

/**
 * Prices an operation's top-level selections as they come (`take`, until it has none), a run of
 * them at a time, and stops once their sum is past `stopAbove`. A run is as many as the bound
 * still has room for at the average price so far, at least one and at most as many as were priced
 * before: thousands of cheap selections cost a dozen analyses rather than thousands, and
 * expensive ones are priced one by one near the bound, so no more is priced than needed. Past the
 * bound with nothing left to take, the price is exact.
 */
function priceInRuns(
  take: () => SelectionNode | undefined,
  taken: () => boolean,
  price: (run: SelectionNode[]) => QueryCost,
  stopAbove: number,
): QueryCost {
  let sum = 0;
  let priced = 0;
  let run: SelectionNode[] = [];
  let runLength = 1;
  for (let selection = take(); selection !== undefined; selection = take()) {
    run.push(selection);
    const last = taken();
    if (run.length < runLength && !last) {
      continue;
    }
    const part = price(run);
    if (part.kind !== 'cost') {
      return part;
    }
    sum += part.cost;
    priced += run.length;
    if (sum > stopAbove && !last) {
      return { kind: 'over', atLeast: sum };
    }
    const room = sum === 0 ? priced : Math.floor((stopAbove - sum) / (sum / priced));
    runLength = Math.max(1, Math.min(priced, room));
    run = [];
  }
  return { kind: 'cost', cost: sum };
}

/** A query as a request carries it: its text, variables and the operation it runs. */
export interface QueryText {
  readonly text: string;
  readonly variables: Record<string, unknown>;
  readonly operationName: string | undefined;
}

/**
 * The price of a query's text, reading no more of it than `stopAbove` needs: the operation's
 * top-level selections are parsed one at a time and priced in runs (`priceInRuns`), and once their
 * sum is past `stopAbove` the rest of the text is not even parsed (150 copies of an expensive field
 * cost parsing and pricing nine). A text whose first operation is not the one requested, or whose
 * selections use named fragments (defined further on), is parsed whole and priced as before.
 * Undefined when it does not parse (execution answers that with its own error); text past the
 * point of refusal is not read, so a query refused by price may be malformed further on.
 */
export function priceOfQueryText(
  schema: GraphQLSchema,
  request: QueryText,
  stopAbove: number,
): QueryCost | undefined {
  const { text, variables, operationName } = request;
  const read = readPricingAsItGoes(schema, request, stopAbove);
  if (read !== undefined) {
    return read;
  }
  let document: DocumentNode;
  try {
    // Priced, never executed: without the location of every node, parsing allocates and takes
    // about two thirds as much.
    document = parse(text, { noLocation: true });
  } catch {
    return undefined;
  }
  return queryCost(schema, document, variables, operationName, stopAbove);
}

/**
 * `priceOfQueryText`'s reading of the first operation selection by selection: its price once past
 * `stopAbove` (or once a run of it is too large or not analysable, as the whole would be), or the
 * whole document's price when read to its end; undefined when the text is to be read the ordinary
 * way (not an operation first, another operation requested, a named fragment, a syntax error).
 */
function readPricingAsItGoes(
  schema: GraphQLSchema,
  { text, variables, operationName }: QueryText,
  stopAbove: number,
): QueryCost | undefined {
  try {
    const parser = new Parser(text, { noLocation: true });
    parser.expectToken(TokenKind.SOF);
    const shorthand = parser.peek(TokenKind.BRACE_L);
    const operation = shorthand ? OperationTypeNode.QUERY : parser.parseOperationType();
    const name = !shorthand && parser.peek(TokenKind.NAME) ? parser.parseName() : undefined;
    const header = {
      kind: Kind.OPERATION_DEFINITION,
      operation,
      name,
      variableDefinitions: shorthand ? [] : parser.parseVariableDefinitions(),
      directives: shorthand ? [] : parser.parseDirectives(false),
    } as const;
    if (operationName !== undefined && name?.value !== operationName) {
      return undefined;
    }
    const documentOf = (selections: SelectionNode[], rest: DefinitionNode[] = []): DocumentNode => ({
      kind: Kind.DOCUMENT,
      definitions: [{ ...header, selectionSet: { kind: Kind.SELECTION_SET, selections } }, ...rest],
    });
    const selections: SelectionNode[] = [];
    parser.expectToken(TokenKind.BRACE_L);
    const price = priceInRuns(
      () => {
        if (selections.length > 0 && parser.expectOptionalToken(TokenKind.BRACE_R)) {
          return undefined;
        }
        const selection = parser.parseSelection();
        if (spreadsNamedFragment(selection)) {
          throw new ReadWhole();
        }
        selections.push(selection);
        return selection;
      },
      () => parser.peek(TokenKind.BRACE_R),
      (run) => queryCost(schema, documentOf(run), variables, operationName),
      stopAbove,
    );
    if (price.kind !== 'cost') {
      return price;
    }
    // Read to the end of the operation (its closing brace taken last): the rest of the document.
    // With nothing after it, its price is the sum of its selections' (as `queryCost` counts it);
    // else the whole is priced again.
    const rest: DefinitionNode[] = [];
    while (!parser.expectOptionalToken(TokenKind.EOF)) {
      rest.push(parser.parseDefinition());
    }
    return rest.length === 0
      ? price
      : queryCost(schema, documentOf(selections, rest), variables, operationName, stopAbove);
  } catch {
    return undefined;
  }
}

/** Thrown to read a text whole after all: it names a fragment defined further on. */
class ReadWhole extends Error {}

/** Whether `selection` spreads a named fragment anywhere within it. */
function spreadsNamedFragment(selection: SelectionNode): boolean {
  if (selection.kind === Kind.FRAGMENT_SPREAD) {
    return true;
  }
  return selection.selectionSet?.selections.some(spreadsNamedFragment) ?? false;
}

/** The operation a request runs: the one named, or the only one. */
function operationOf(
  document: DocumentNode,
  operationName: string | undefined,
): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName === undefined
    ? operations.length === 1
      ? operations[0]
      : undefined
    : operations.find((operation) => operation.name?.value === operationName);
}

/** How the API refuses a query above its budget: the message and `extensions` the client gets. */
export interface CostRefusal {
  readonly message: string;
  readonly extensions: {
    readonly code: 'QUERY_TOO_COSTLY';
    readonly budget: number;
    readonly cost?: number;
    /** When pricing stopped once past the budget: the least the query costs. */
    readonly costAtLeast?: number;
  };
}

/**
 * Why a `what` (query, subscription) of this price is refused under `budget`; undefined when it
 * fits, or when it could not be priced (execution then refuses it with its own error).
 */
export function costRefusal(price: QueryCost, budget: number, what = 'query'): CostRefusal | undefined {
  if (price.kind === 'too_large') {
    return {
      message: `the ${what} is too large to price (over its node limit); the budget is ${budget}`,
      extensions: { code: 'QUERY_TOO_COSTLY', budget },
    };
  }
  if (price.kind === 'over') {
    return {
      message: `the ${what} costs at least ${price.atLeast}; the budget is ${budget}`,
      extensions: { code: 'QUERY_TOO_COSTLY', budget, costAtLeast: price.atLeast },
    };
  }
  if (price.kind === 'cost' && price.cost > budget) {
    return {
      message: `the ${what} costs ${price.cost}; the budget is ${budget}`,
      extensions: { code: 'QUERY_TOO_COSTLY', budget, cost: price.cost },
    };
  }
  return undefined;
}
