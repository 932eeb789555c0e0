import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';

const ROOT = join(__dirname, '..', '..');

/** The pages whose GraphQL examples are run: the README and every page of docs/ (not the references). */
export function exampleFiles(): string[] {
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join('docs', name));
  return ['README.md', ...docs];
}

export interface DocExample {
  /** Where it is: `docs/delegators.md, block 2, operation 1`. */
  readonly name: string;
  readonly operation: OperationDefinitionNode;
  /** The operation with the block's fragments, ready to send or to price. */
  readonly document: DocumentNode;
}

/** Every operation of every ```graphql block of the pages, each with its block's fragments. */
export function docExamples(): DocExample[] {
  return exampleFiles().flatMap((file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const blocks = [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
    return blocks.flatMap((block, index) => {
      const definitions = parse(block).definitions;
      const fragments = definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
      return definitions
        .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
        .map((operation, position) => ({
          name: `${file}, block ${index + 1}, operation ${position + 1}`,
          operation,
          document: { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] },
        }));
    });
  });
}
