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
