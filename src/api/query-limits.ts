import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** Deepest selection a query may nest, and most fields it may select in all. */
export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_FIELDS = 5000;

/**
 * A validation rule (so Apollo reports it as GRAPHQL_VALIDATION_FAILED) refusing queries nested deeper than `MAX_QUERY_DEPTH` or selecting more than
 * `MAX_QUERY_FIELDS` fields (fragments expanded), before anything runs.
 */
export function queryLimitsRule(context: ValidationContext): ASTVisitor {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  return {
    OperationDefinition(operation) {
      const measure = { fields: 0 };
      const depth = depthOf(operation.selectionSet, fragments, measure, new Set());
      if (depth > MAX_QUERY_DEPTH) {
        context.reportError(
          new GraphQLError(`the query nests ${depth} levels deep; at most ${MAX_QUERY_DEPTH} are allowed`, {
            nodes: [operation],
            extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          }),
        );
      } else if (measure.fields > MAX_QUERY_FIELDS) {
        context.reportError(
          new GraphQLError(
            `the query selects ${measure.fields} fields; at most ${MAX_QUERY_FIELDS} are allowed`,
            {
              nodes: [operation],
              extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
            },
          ),
        );
      }
    },
  };
}

function depthOf(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  measure: { fields: number },
  visiting: Set<string>,
): number {
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    if (measure.fields > MAX_QUERY_FIELDS) {
      break;
    }
    if (selection.kind === Kind.FIELD) {
      measure.fields++;
      const below =
        selection.selectionSet === undefined
          ? 0
          : depthOf(selection.selectionSet, fragments, measure, visiting);
      deepest = Math.max(deepest, 1 + below);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      deepest = Math.max(deepest, depthOf(selection.selectionSet, fragments, measure, visiting));
    } else {
      const fragment = fragments.get(selection.name.value);
      // A fragment cycle is reported by graphql's own NoFragmentCycles rule.
      if (fragment !== undefined && !visiting.has(fragment.name.value)) {
        visiting.add(fragment.name.value);
        deepest = Math.max(deepest, depthOf(fragment.selectionSet, fragments, measure, visiting));
        visiting.delete(fragment.name.value);
      }
    }
  }
  return deepest;
}
