/** gRPC status codes used by the devnet's services (a subset of google.rpc.Code). */
export enum GrpcStatus {
  OK = 0,
  CANCELLED = 1,
  UNKNOWN = 2,
  INVALID_ARGUMENT = 3,
  NOT_FOUND = 5,
  FAILED_PRECONDITION = 9,
  OUT_OF_RANGE = 11,
  UNIMPLEMENTED = 12,
  INTERNAL = 13,
  UNAVAILABLE = 14,
}

/** A handler's refusal, sent to the client as a gRPC status. */
export class GrpcStatusError extends Error {
  constructor(
    readonly status: GrpcStatus,
    message: string,
  ) {
    super(message);
    this.name = 'GrpcStatusError';
  }
}
