import type { EntityManager } from 'typeorm';

export interface BulkColumn {
  readonly name: string;
  /** PostgreSQL element type of the parameter array, e.g. `text`, `numeric`, `timestamptz`. */
  readonly type: string;
  /** A cast applied per row, for types an array cannot carry (e.g. ragged `smallint[]` sent as text). */
  readonly cast?: string;
}

export type BulkValue = string | number | boolean | bigint | Date | null | object;

export interface BulkWrite {
  readonly table: string;
  readonly columns: readonly BulkColumn[];
  readonly rows: readonly (readonly BulkValue[])[];
  /** What follows `INSERT … SELECT …`: usually an `ON CONFLICT` clause. */
  readonly onConflict: string;
  /** Columns to return of the rows written (after the conflict clause had its say). */
  readonly returning?: readonly string[];
}

/**
 * Inserts any number of rows in one statement: one array parameter per column, unnested
 * server-side, so the statement's size and parameter count do not grow with the batch.
 */
export async function bulkInsert<R = unknown>(manager: EntityManager, write: BulkWrite): Promise<R[]> {
  if (write.rows.length === 0) {
    return [];
  }
  const names = write.columns.map((column) => `"${column.name}"`).join(', ');
  const unnest = write.columns.map((column, i) => `$${i + 1}::${column.type}[]`).join(', ');
  const select = write.columns
    .map((column) => `u."${column.name}"${column.cast === undefined ? '' : `::${column.cast}`}`)
    .join(', ');
  // Each column's array travels as one text literal built here with a join: pg would build it by
  // appending element after element, which under heavy indexing was a fifth of all allocation.
  const parameters = write.columns.map((_, i) =>
    arrayLiteral(write.rows.map((row) => toParameter(row[i] ?? null))),
  );
  const returning =
    write.returning === undefined || write.returning.length === 0
      ? ''
      : ` RETURNING ${write.returning.map((name) => `"${name}"`).join(', ')}`;
  const rows: unknown = await manager.query(
    `INSERT INTO "${write.table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${names}) ${write.onConflict}${returning}`,
    parameters,
  );
  return returning === '' || !Array.isArray(rows) ? [] : (rows as R[]);
}

/** `SET a = EXCLUDED.a, …` for every column but the key. */
export function setExcluded(columns: readonly BulkColumn[], key: readonly string[]): string {
  return columns
    .filter((column) => !key.includes(column.name))
    .map((column) => `"${column.name}" = EXCLUDED."${column.name}"`)
    .join(', ');
}

/** `ON CONFLICT (key) DO UPDATE SET … WHERE <table>.version < EXCLUDED.version`: newer versions win. */
export function versionGuardedUpsert(
  table: string,
  columns: readonly BulkColumn[],
  key: readonly string[],
): string {
  return (
    `ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${setExcluded(columns, key)} ` +
    `WHERE "${table}".version < EXCLUDED.version`
  );
}

/**
 * A PostgreSQL array literal (`{"a","b",NULL}`), every element quoted and escaped as pg itself
 * does, so that it reads the same whatever the element type it is cast to.
 */
export function arrayLiteral(values: readonly (string | number | boolean | bigint | null)[]): string {
  return `{${values.map((value) => (value === null ? 'NULL' : quoteElement(String(value)))).join(',')}}`;
}

function quoteElement(text: string): string {
  return text.includes('"') || text.includes('\\') ? `"${text.replace(/(["\\])/g, '\\$1')}"` : `"${text}"`;
}

function toParameter(value: BulkValue): string | number | boolean | null {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean'
  ) {
    return value;
  }
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value instanceof Date) {
    return value.toISOString();
  }
  return JSON.stringify(value);
}
