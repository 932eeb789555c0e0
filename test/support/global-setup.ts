import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from 'src/database/embedded-postgres.server';
import { TEST_DATABASE_URL_VARIABLE } from 'test/support/test-database';

declare global {
  var tuskTestDatabase: EmbeddedPostgresServer | undefined;
}

/** Starts one real PostgreSQL (embedded-postgres, data in a temporary directory) for the e2e run. */
export default async function globalSetup(): Promise<void> {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'tusk-test-pg-')), 'data');
  const server = new EmbeddedPostgresServer({ dataDir, port: 0, ephemeral: true });
  process.env[TEST_DATABASE_URL_VARIABLE] = await server.start();
  globalThis.tuskTestDatabase = server;
}
