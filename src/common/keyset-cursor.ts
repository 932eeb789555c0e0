import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';

/**
 * A cursor that carries the position of the last row a page ended on (its ordering keys), and the
 * name of the list and order it belongs to, so that it resumes right after that row however the
 * list changed meanwhile, and is refused by any other list.
 */
export function encodeKeysetCursor(list: string, keys: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify({ l: list, k: keys })).toString('base64url');
}

export function decodeKeysetCursor(list: string, cursor: string, arity: number): (string | number)[] {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    payload = undefined;
  }
  const keys = (payload as { l?: unknown; k?: unknown } | undefined)?.k;
  if (
    typeof payload !== 'object' ||
    payload === null ||
    (payload as { l?: unknown }).l !== list ||
    !Array.isArray(keys) ||
    keys.length !== arity ||
    !keys.every((key) => typeof key === 'string' || typeof key === 'number')
  ) {
    throw new ApplicationException(ApplicationErrorCode.BAD_CURSOR, `not a cursor of this list: ${cursor}`);
  }
  return keys;
}

/**
 * A Relay page from `rows` read with one row more than `first` (the extra one only tells that a
 * next page exists): each row's node with the cursor of its keys.
 */
export function keysetPage<R, N>(
  rows: readonly R[],
  first: number,
  list: string,
  keysOf: (row: R) => readonly (string | number)[],
  nodeOf: (row: R) => N,
): {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
} {
  const edges = rows
    .slice(0, first)
    .map((row) => ({ cursor: encodeKeysetCursor(list, keysOf(row)), node: nodeOf(row) }));
  return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}
