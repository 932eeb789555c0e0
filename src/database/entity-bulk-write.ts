import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { bulkInsert, type BulkColumn, type BulkValue } from 'src/database/bulk-upsert';

/** A table's columns as its entity declares them: SQL name and type, and the property they map. */
export interface EntityColumns<T> {
  readonly table: string;
  readonly columns: readonly (BulkColumn & { readonly property: keyof T & string })[];
}

/**
 * The columns of `entity` from TypeORM's metadata, in declaration order, less `except` (columns
 * another write owns). The entity is the one place a column is declared; writes derive from it.
 */
export function entityColumns<T extends ObjectLiteral, E extends keyof T & string = never>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  except: readonly E[] = [],
): EntityColumns<Omit<T, E>> {
  const metadata = manager.dataSource.getMetadata(entity);
  const driver = manager.dataSource.driver;
  const columns = metadata.columns
    .filter((column) => !(except as readonly string[]).includes(column.propertyName))
    .map((column): BulkColumn & { readonly property: string } => {
      const type = driver.normalizeType(column);
      // Arrays travel as text literals, one per row, so that rows of different lengths unnest.
      return column.isArray
        ? { name: column.databaseName, type: 'text', cast: `${type}[]`, property: column.propertyName }
        : { name: column.databaseName, type, property: column.propertyName };
    });
  return {
    table: metadata.tableName,
    // The properties come from the entity's own metadata, less `except`: keys of Omit<T, E>.
    columns: columns as unknown as EntityColumns<Omit<T, E>>['columns'],
  };
}

/**
 * Inserts entity-shaped rows in one statement (see `bulkInsert`): the columns, their types and the
 * values' encoding (transformers, arrays) all come from the entity. `onConflict` is given the
 * columns, to build its `SET` list from them.
 */
export async function bulkWriteEntities<T extends ObjectLiteral, E extends keyof T & string = never>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  rows: readonly Omit<T, E>[],
  onConflict: string | ((columns: EntityColumns<Omit<T, E>>) => string),
  options: { readonly except?: readonly E[]; readonly returning?: readonly string[] } = {},
): Promise<Record<string, unknown>[]> {
  if (rows.length === 0) {
    return [];
  }
  const except = options.except ?? [];
  const table = entityColumns(manager, entity, except);
  const metadata = manager.dataSource.getMetadata(entity);
  // Resolved once per write, not per cell: the property to read, its transformers, array or not.
  const encoders = table.columns.map((column) => {
    const found = metadata.findColumnWithPropertyName(column.property);
    if (found === undefined) {
      throw new Error(`${table.table} has no column for ${column.property}`);
    }
    const property = column.property as keyof Omit<T, E>;
    const transformers =
      found.transformer === undefined
        ? []
        : Array.isArray(found.transformer)
          ? found.transformer
          : [found.transformer];
    return (row: Omit<T, E>): BulkValue => {
      let value: unknown = row[property];
      for (const transformer of transformers) {
        value = transformer.to(value);
      }
      return found.isArray && Array.isArray(value) ? arrayLiteral(value) : (value as BulkValue);
    };
  });
  return bulkInsert<Record<string, unknown>>(manager, {
    table: table.table,
    columns: table.columns,
    rows: rows.map((row) => encoders.map((encode) => encode(row))),
    onConflict: typeof onConflict === 'string' ? onConflict : onConflict(table),
    returning: options.returning,
  });
}

/** `{"a","b"}`: a PostgreSQL array literal, each element quoted. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((value) => `"${String(value).replace(/(["\\])/g, '\\$1')}"`).join(',')}}`;
}
