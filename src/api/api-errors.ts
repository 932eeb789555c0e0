import { GraphQLError } from 'graphql';
import {
  ApplicationErrorCode,
  ApplicationException,
  requireEpoch,
  requirePageSize,
} from 'src/common/errors/application.exception';

/** The `extensions.code` values clients branch on. */
export type GraphQLErrorCode = 'NOT_FOUND' | 'BAD_USER_INPUT' | 'INTERNAL_SERVER_ERROR';

/** Where each refusal of the contexts lands in the API's vocabulary. */
export function graphQLCodeOf(code: ApplicationErrorCode): GraphQLErrorCode {
  switch (code) {
    case ApplicationErrorCode.BAD_EPOCH:
    case ApplicationErrorCode.BAD_PAGE_SIZE:
    case ApplicationErrorCode.BAD_CURSOR:
    case ApplicationErrorCode.BAD_ADDRESS:
    case ApplicationErrorCode.BAD_AMOUNT:
    case ApplicationErrorCode.BAD_AS_OF:
    case ApplicationErrorCode.BAD_TIME_RANGE:
    case ApplicationErrorCode.BAD_EVENT_TYPE:
      return 'BAD_USER_INPUT';
  }
}

/** A context's refusal as the client sees it: its message, with the code mapped. */
export function toGraphQLError(exception: ApplicationException): GraphQLError {
  return new GraphQLError(exception.message, { extensions: { code: graphQLCodeOf(exception.code) } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

/** Epoch numbers are u32 on chain. */
export function requireEpochArgument(epoch: number | null | undefined): number | undefined {
  return rethrown(() => requireEpoch(epoch));
}

/** A `first`/`last` argument between 1 and `max`. */
export function requirePageArgument(name: string, value: number, max: number): number {
  return rethrown(() => requirePageSize(name, value, max));
}

function rethrown<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    throw error instanceof ApplicationException ? toGraphQLError(error) : error;
  }
}
