import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildProgram } from 'src/cli';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { loadAppConfig } from 'src/config/app-config';
import { createApp } from 'src/main';
import { renderCliReference } from 'src/reference/cli-reference';
import { renderConfigReference } from 'src/reference/config-reference';
import { renderGraphqlReference } from 'src/reference/graphql-reference';
import { renderMetricsReference } from 'src/reference/metrics-reference';

/**
 * `npm run docs:write` regenerates the references in docs/reference/ from the code: the
 * configuration (the config schema), GraphQL (`schema.gql`), metrics (a running Tusk's registry)
 * and the CLI (its command definitions). `--check` writes nothing and fails, naming the files,
 * when a committed reference differs from what the code generates (CI runs it).
 */
async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const root = process.cwd();
  const references: Record<string, string> = {
    'configuration.md': renderConfigReference(),
    'graphql.md': renderGraphqlReference(readFileSync(join(root, 'schema.gql'), 'utf8')),
    'metrics.md': renderMetricsReference(await registeredMetrics()),
    'cli.md': renderCliReference(buildProgram()),
  };
  const stale: string[] = [];
  for (const [name, text] of Object.entries(references)) {
    const file = resolve(root, 'docs', 'reference', name);
    // Formatted as the repository's own check formats it, so that both agree.
    const formatted = await format(text, { ...(await resolveConfig(file)), filepath: file });
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === formatted) {
      continue;
    }
    if (check) {
      stale.push(file);
    } else {
      writeFileSync(file, formatted);
      process.stdout.write(`wrote ${file}\n`);
    }
  }
  if (stale.length > 0) {
    throw new Error(
      `${stale.join(', ')} differ from what the code generates: run npm run docs:write and commit`,
    );
  }
}

/** Boots Tusk as `npm start` does, API inline, on a scratch embedded PostgreSQL, and lists its metrics. */
async function registeredMetrics() {
  const scratch = mkdtempSync(join(tmpdir(), 'tusk-references-'));
  // The defaults alone, whatever this shell's environment says.
  const config = loadAppConfig({ TUSK_DATA_DIR: scratch, TUSK_API_PROCESS: 'inline', APP_ROLE: 'all' });
  const app = await createApp(config, { quiet: true });
  try {
    return app.get(MetricsRegistry).registry.getMetricsAsArray();
  } finally {
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
