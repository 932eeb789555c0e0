/**
 * Why a request could not be answered, as the contexts say it. Each edge maps a code to its own
 * vocabulary (GraphQL's `extensions.code`, an exit status), exhaustively, so a new code cannot slip
 * through unmapped. (What is not there at all, a context says with an undefined view, and the edge
 * answers `NOT_FOUND`.)
 */
export enum ApplicationErrorCode {
  /** An epoch argument that cannot be an epoch (u32). */
  BAD_EPOCH = 'BAD_EPOCH',
  /** A page size outside its bounds. */
  BAD_PAGE_SIZE = 'BAD_PAGE_SIZE',
  /** A cursor this list did not hand out, or one of a list in another order. */
  BAD_CURSOR = 'BAD_CURSOR',
  /** A string that is not a Sui address or node ID. */
  BAD_ADDRESS = 'BAD_ADDRESS',
  /** A WAL amount the contract would refuse. */
  BAD_AMOUNT = 'BAD_AMOUNT',
  /** An `asOf` the question cannot be answered at. */
  BAD_AS_OF = 'BAD_AS_OF',
  /** A time range that ends before it starts, or spans more than is served at once. */
  BAD_TIME_RANGE = 'BAD_TIME_RANGE',
  /** An event type Tusk does not record. */
  BAD_EVENT_TYPE = 'BAD_EVENT_TYPE',
}

/** An expected refusal: an answer to the caller, not a failure of Tusk, so it is never logged as one. */
export class ApplicationException extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApplicationException';
  }
}

/** Epoch numbers are u32 on chain; absent stays absent. */
export function requireEpoch(epoch: number | null | undefined): number | undefined {
  if (epoch === null || epoch === undefined) {
    return undefined;
  }
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw new ApplicationException(
      ApplicationErrorCode.BAD_EPOCH,
      `epoch must be a non-negative integer, got ${epoch}`,
    );
  }
  return epoch;
}

/** A page size between 1 and `max`, named as the argument is. */
export function requirePageSize(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ApplicationException(
      ApplicationErrorCode.BAD_PAGE_SIZE,
      `${name} must be between 1 and ${max}, got ${value}`,
    );
  }
  return value;
}
