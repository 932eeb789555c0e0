import { OperatorOrderField, OrderDirection, type OperatorOrdering } from 'src/staking/operator.views';
import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';

/** A value an operator list is ordered on. Stake is a bigint; an operator without an APY or score has null. */
export type OrderKey = number | bigint | string | null;

/** Where an operator stands in an ordered list: its ordering values, then its node ID as the tie-break. */
export interface OperatorPosition {
  readonly keys: readonly OrderKey[];
  readonly nodeId: string;
}

const CURSOR_VERSION = 1;

/**
 * Cursors carry the position of the last operator seen, not its index. Stakes, APYs and scores move
 * between two page requests (a poll, a checkpoint), and an index would then repeat or skip operators
 * that never crossed the reader's place; a position resumes right after the operator the page ended on.
 * The ordering is part of the cursor, so that a cursor is never read against a list it does not belong to.
 */
export function encodeOperatorCursor(
  orders: readonly OperatorOrdering[],
  position: OperatorPosition,
): string {
  const payload = {
    v: CURSOR_VERSION,
    order: orderSignature(orders),
    keys: position.keys.map((key) => (typeof key === 'bigint' ? key.toString() : key)),
    node: position.nodeId,
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeOperatorCursor(cursor: string, orders: readonly OperatorOrdering[]): OperatorPosition {
  const invalid = () =>
    new ApplicationException(ApplicationErrorCode.BAD_CURSOR, `not a cursor of this list: ${cursor}`);
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!isCursorPayload(payload) || payload.v !== CURSOR_VERSION) {
    throw invalid();
  }
  const expected = orderSignature(orders);
  if (payload.order !== expected) {
    throw new ApplicationException(
      ApplicationErrorCode.BAD_CURSOR,
      `this cursor belongs to a list ordered by ${payload.order || 'node ID'}, not by ${expected || 'node ID'}`,
    );
  }
  if (payload.keys.length !== orders.length) {
    throw invalid();
  }
  const keys = orders.map((order, index) => decodeKey(order.field, payload.keys[index]));
  if (keys.some((key) => key === undefined)) {
    throw invalid();
  }
  return { keys: keys as OrderKey[], nodeId: payload.node };
}

/**
 * The list's order: each ordering in turn, operators without a value last whatever the direction,
 * then node ID ascending, so that no two operators ever compare equal.
 */
export function compareOperatorPositions(
  orders: readonly OperatorOrdering[],
  a: OperatorPosition,
  b: OperatorPosition,
): number {
  for (const [index, order] of orders.entries()) {
    const left = a.keys[index] ?? null;
    const right = b.keys[index] ?? null;
    if (left === null || right === null) {
      if (left !== right) {
        return left === null ? 1 : -1;
      }
      continue;
    }
    const difference = left < right ? -1 : left > right ? 1 : 0;
    if (difference !== 0) {
      return order.direction === OrderDirection.asc ? difference : -difference;
    }
  }
  return a.nodeId < b.nodeId ? -1 : a.nodeId > b.nodeId ? 1 : 0;
}

function orderSignature(orders: readonly OperatorOrdering[]): string {
  return orders.map((order) => `${order.field}:${order.direction}`).join(',');
}

interface CursorPayload {
  readonly v: number;
  readonly order: string;
  readonly keys: readonly unknown[];
  readonly node: string;
}

function isCursorPayload(value: unknown): value is CursorPayload {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const candidate = value as Record<string, unknown>;
  return (
    typeof candidate.v === 'number' &&
    typeof candidate.order === 'string' &&
    Array.isArray(candidate.keys) &&
    typeof candidate.node === 'string'
  );
}

/** A key as the field holds it, or undefined when the cursor's value could not be one. */
function decodeKey(field: OperatorOrderField, value: unknown): OrderKey | undefined {
  switch (field) {
    case OperatorOrderField.stake:
      return typeof value === 'string' && /^\d{1,20}$/.test(value) ? BigInt(value) : undefined;
    case OperatorOrderField.shards:
    case OperatorOrderField.commissionRate:
      return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
    case OperatorOrderField.name:
      return typeof value === 'string' ? value : undefined;
    case OperatorOrderField.apy:
    case OperatorOrderField.score:
      return value === null || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
  }
}
