import { describeMoveAbort, type MoveAbort } from 'src/domain/shared/move-abort';

export type DomainErrorCode =
  | 'INVALID_NODE_ID'
  | 'INVALID_AMOUNT'
  | 'DUPLICATE_NODE'
  | 'INVALID_COMMITTEE'
  | 'NO_STAKE'
  | 'SHARD_CAP_TOO_SMALL'
  | 'SHARD_SUM_MISMATCH'
  | 'NO_QUORUM'
  | 'ARITHMETIC_OVERFLOW'
  | 'INVALID_STATE'
  | 'INVALID_ARGUMENT'
  | 'NOT_AUTHORIZED';

/**
 * A rule of the Walrus protocol was broken by the input. `moveAbort` names the abort the contract
 * raises for the same input, where there is one.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly moveAbort?: MoveAbort,
  ) {
    super(moveAbort ? `${message} (on-chain abort ${describeMoveAbort(moveAbort)})` : message);
    this.name = 'DomainError';
  }
}
