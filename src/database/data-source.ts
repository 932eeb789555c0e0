import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ALL_ENTITIES } from 'src/database/entities';

/**
 * The migrations: compiled (`dist/migrations/*.js`) when Tusk runs, sources when the tests run.
 * The schema only ever changes through reviewed migration files.
 */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', 'migrations', '*.{js,ts}');

/** The TypeORM options every Tusk connection uses: explicit entities, migrations, never synchronize. */
export function dataSourceOptions(url: string) {
  return {
    type: 'postgres' as const,
    url,
    entities: ALL_ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    synchronize: false,
    migrationsRun: true,
    // Tusk's own statements are bounded; a query stuck this long means a broken connection.
    extra: { max: 10, statement_timeout: 60_000, connectionTimeoutMillis: 10_000 },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
