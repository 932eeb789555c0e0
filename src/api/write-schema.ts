import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchemaText } from 'src/api/graphql-schema';

/** `npm run schema:write`: regenerates `schema.gql`, which CI checks against the running API. */
buildSchemaText()
  .then((text) => {
    const file = resolve(process.cwd(), 'schema.gql');
    writeFileSync(file, text);
    process.stdout.write(`wrote ${file}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
