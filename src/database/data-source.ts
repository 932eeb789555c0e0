import { join } from 'node:path';
import { DataSource, type EntitySchema } from 'typeorm';

/**
 * The migrations: compiled (`dist/migrations/*.js`) when Tusk runs, sources when the tests run.
 * The schema only ever changes through reviewed migration files.
 */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', 'migrations', '*.{js,ts}');

// TypeORM's own type for an entity list.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = readonly (Function | EntitySchema)[];

/**
 * The TypeORM options every Tusk connection uses: explicit entities (the store's, handed in from
 * above, so that this floor knows no table), migrations, never synchronize.
 */
export function dataSourceOptions(
  url: string,
  entities: EntityList,
  { migrationsRun = true, poolSize = 10 } = {},
) {
  return {
    type: 'postgres' as const,
    url,
    entities: [...entities],
    migrations: [MIGRATIONS_GLOB],
    synchronize: false,
    migrationsRun,
    // Tusk's own statements are bounded; a query stuck this long means a broken connection.
    extra: { max: poolSize, statement_timeout: 60_000, connectionTimeoutMillis: 10_000 },
  };
}

export function createDataSource(url: string, entities: EntityList): DataSource {
  return new DataSource(dataSourceOptions(url, entities));
}
