import { Scalar, type CustomScalar } from '@nestjs/graphql';
import { GraphQLError, Kind, type ValueNode } from 'graphql';

/**
 * Integers beyond 2^53 (WAL amounts in FROST, checkpoints, versions): a decimal string on the
 * wire, a `bigint` in resolvers. Inputs accept a decimal string or a safe integer literal.
 */
@Scalar('BigInt', () => BigInt)
export class BigIntScalar implements CustomScalar<string, bigint> {
  description = 'An integer of any size, as a decimal string (e.g. "1000000000" FROST = 1 WAL).';

  serialize(value: unknown): string {
    if (typeof value === 'bigint') {
      return value.toString();
    }
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      return String(value);
    }
    if (typeof value === 'string' && /^-?\d+$/.test(value)) {
      return value;
    }
    throw new GraphQLError(`BigInt cannot represent ${String(value)}`);
  }

  parseValue(value: unknown): bigint {
    if (typeof value === 'string' && /^-?\d+$/.test(value)) {
      return BigInt(value);
    }
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      return BigInt(value);
    }
    throw new GraphQLError('BigInt must be a decimal integer string', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }

  parseLiteral(ast: ValueNode): bigint {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) {
      return this.parseValue(ast.kind === Kind.INT ? Number(ast.value) : ast.value);
    }
    throw new GraphQLError('BigInt must be a decimal integer string', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
}
