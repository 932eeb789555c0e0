import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import { GrpcStatus, GrpcStatusError } from 'src/devnet/grpc-web/grpc-status';
import { decodeCursor, encodeCursor } from 'src/devnet/ledger/cursor';
import type { IndexedEvent } from 'src/devnet/ledger/sui-ledger';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

/** `pkg::module::Name<…>` → normalised; a bare `pkg::module` stays a module prefix. */
function normaliseTypeQuery(query: string): string {
  const parts = query.split('::');
  if (parts.length === 2) {
    return `${normalizeSuiAddress(parts[0] ?? '')}::${parts[1] ?? ''}`;
  }
  return normalizeStructTag(query);
}

function literalMatches(literal: GrpcTypes.EventLiteral, event: GrpcTypes.Event): boolean {
  const predicate = literal.predicate;
  switch (predicate.oneofKind) {
    case 'sender':
      return normalizeSuiAddress(event.sender ?? '') === normalizeSuiAddress(predicate.sender.address ?? '');
    case 'emitModule': {
      const [pkg, module] = (predicate.emitModule.module ?? '').split('::');
      return (
        normalizeSuiAddress(event.packageId ?? '') === normalizeSuiAddress(pkg ?? '') &&
        event.module === module
      );
    }
    case 'eventType': {
      const query = normaliseTypeQuery(predicate.eventType.eventType ?? '');
      const type = normalizeStructTag(event.eventType ?? '');
      // A module matches every event type it defines; a bare struct name every instantiation.
      return (
        type === query ||
        type.startsWith(`${query}<`) ||
        (query.split('::').length === 2 && type.startsWith(`${query}::`))
      );
    }
    case 'eventStreamHead':
      throw new GrpcStatusError(GrpcStatus.UNIMPLEMENTED, 'event stream heads are not served by the devnet');
    case undefined:
      throw new GrpcStatusError(GrpcStatus.INVALID_ARGUMENT, 'an event filter literal has no predicate');
  }
}

/** The filter is a disjunction of conjunctions of (possibly negated) literals. */
function matches(filter: GrpcTypes.EventFilter | undefined, event: GrpcTypes.Event): boolean {
  if (filter === undefined || filter.terms.length === 0) {
    return true;
  }
  return filter.terms.some((term) =>
    term.literals.every((literal) => literalMatches(literal, event) !== literal.negated),
  );
}

/** `LedgerService.ListEvents` over the ledger's event log: filtered, ordered, bounded, resumable. */
export function* queryEvents(
  log: readonly IndexedEvent[],
  request: GrpcTypes.ListEventsRequest,
): Iterable<GrpcTypes.ListEventsResponse> {
  const options = request.options;
  const limit = Math.min(Math.max(options?.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
  const descending = options?.ordering === GrpcTypes.Ordering.DESCENDING;
  const after = decodeCursor(options?.after, 'after');
  const before = decodeCursor(options?.before, 'before');
  const startCheckpoint = request.startCheckpoint;
  const endCheckpoint = request.endCheckpoint;

  const ordered = descending ? [...log].reverse() : log;
  let sent = 0;
  for (const entry of ordered) {
    if (after !== undefined && entry.sequence <= after) {
      continue;
    }
    if (before !== undefined && entry.sequence >= before) {
      if (descending) {
        continue;
      }
      yield GrpcTypes.ListEventsResponse.create({ end: { reason: GrpcTypes.QueryEndReason.CURSOR_BOUND } });
      return;
    }
    if (startCheckpoint !== undefined && entry.checkpoint < startCheckpoint) {
      if (descending) {
        yield GrpcTypes.ListEventsResponse.create({
          end: { reason: GrpcTypes.QueryEndReason.CHECKPOINT_BOUND },
        });
        return;
      }
      continue;
    }
    if (endCheckpoint !== undefined && entry.checkpoint >= endCheckpoint) {
      if (descending) {
        continue;
      }
      yield GrpcTypes.ListEventsResponse.create({
        end: { reason: GrpcTypes.QueryEndReason.CHECKPOINT_BOUND },
      });
      return;
    }
    if (!matches(request.filter, entry.event)) {
      continue;
    }
    if (sent === limit) {
      yield GrpcTypes.ListEventsResponse.create({ end: { reason: GrpcTypes.QueryEndReason.ITEM_LIMIT } });
      return;
    }
    yield GrpcTypes.ListEventsResponse.create({
      event: entry.event,
      watermark: { cursor: encodeCursor(entry.sequence), checkpoint: entry.checkpoint },
    });
    sent++;
  }
  const reason =
    descending && after !== undefined
      ? GrpcTypes.QueryEndReason.CURSOR_BOUND
      : GrpcTypes.QueryEndReason.LEDGER_TIP;
  yield GrpcTypes.ListEventsResponse.create({ end: { reason } });
}
