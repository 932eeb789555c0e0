import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import { arrayLiteral, bulkInsert, type BulkColumn, type BulkValue } from 'src/database/bulk-upsert';

/** A table's columns as its entity declares them: SQL name and type, and the property they map. */
export interface EntityColumns<T> {
  readonly table: string;
  readonly columns: readonly (BulkColumn & { readonly property: keyof T & string })[];
}

/** A column ready to be written: its SQL side, and how a row's property becomes its value. */
interface WritableColumn extends BulkColumn {
  readonly property: string;
  encode(row: ObjectLiteral): BulkValue;
}

/** Each entity's writable columns, worked out from its metadata once per process. */
const writable = new WeakMap<EntityMetadata, readonly WritableColumn[]>();

/**
 * The columns of an entity from TypeORM's metadata, in declaration order: the entity is the one
 * place a column is declared; writes derive from it.
 */
function writableColumns(manager: EntityManager, metadata: EntityMetadata): readonly WritableColumn[] {
  let columns = writable.get(metadata);
  if (columns === undefined) {
    const driver = manager.dataSource.driver;
    columns = metadata.columns.map((column): WritableColumn => {
      const type = driver.normalizeType(column);
      const property = column.propertyName;
      const transformers =
        column.transformer === undefined
          ? []
          : Array.isArray(column.transformer)
            ? column.transformer
            : [column.transformer];
      const encode = (row: ObjectLiteral): BulkValue => {
        let value: unknown = row[property];
        for (const transformer of transformers) {
          value = transformer.to(value);
        }
        return column.isArray && Array.isArray(value)
          ? arrayLiteral(value as (string | number | bigint | null)[])
          : (value as BulkValue);
      };
      // Arrays travel as text literals, one per row, so that rows of different lengths unnest.
      return column.isArray
        ? { name: column.databaseName, type: 'text', cast: `${type}[]`, property, encode }
        : { name: column.databaseName, type, property, encode };
    });
    writable.set(metadata, columns);
  }
  return columns;
}

/**
 * Inserts entity-shaped rows in one statement (see `bulkInsert`): the columns, their types and the
 * values' encoding (transformers, arrays) all come from the entity, less `except` (columns another
 * write owns). `onConflict` is given the columns, to build its `SET` list from them.
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
  const except: readonly string[] = options.except ?? [];
  const metadata = manager.dataSource.getMetadata(entity);
  const columns = writableColumns(manager, metadata).filter((column) => !except.includes(column.property));
  // The properties come from the entity's own metadata, less `except`: keys of Omit<T, E>.
  const table = { table: metadata.tableName, columns } as unknown as EntityColumns<Omit<T, E>>;
  return bulkInsert<Record<string, unknown>>(manager, {
    table: metadata.tableName,
    columns,
    rows: rows.map((row) => columns.map((column) => column.encode(row))),
    onConflict: typeof onConflict === 'string' ? onConflict : onConflict(table),
    returning: options.returning,
  });
}

/** `{"a","b"}`: a PostgreSQL array literal, each element quoted. */
