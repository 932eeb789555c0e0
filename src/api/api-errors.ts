import { GraphQLError } from 'graphql';

/** Errors with the stable `extensions.code` clients branch on. */
export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'NOT_FOUND' } });
}

export function badUserInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** Epoch numbers are u32 on chain. */
export function requireEpochArgument(epoch: number | null | undefined): number | undefined {
  if (epoch === null || epoch === undefined) {
    return undefined;
  }
  if (!Number.isInteger(epoch) || epoch < 0) {
    throw badUserInput(`epoch must be a non-negative integer, got ${epoch}`);
  }
  return epoch;
}
