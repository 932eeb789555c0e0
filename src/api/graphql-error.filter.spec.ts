import { GraphQLError } from 'graphql';
import { GraphQLErrorFilter } from 'src/api/graphql-error.filter';
import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';

describe('the GraphQL error filter', () => {
  const filter = new GraphQLErrorFilter();

  it('answers a refusal of a context with its message and mapped code', () => {
    const cases: [ApplicationErrorCode, string][] = [
      [ApplicationErrorCode.BAD_CURSOR, 'BAD_USER_INPUT'],
      [ApplicationErrorCode.BAD_EPOCH, 'BAD_USER_INPUT'],
      [ApplicationErrorCode.BAD_AMOUNT, 'BAD_USER_INPUT'],
      [ApplicationErrorCode.BAD_PAGE_SIZE, 'BAD_USER_INPUT'],
      [ApplicationErrorCode.BAD_ADDRESS, 'BAD_USER_INPUT'],
      [ApplicationErrorCode.BAD_AS_OF, 'BAD_USER_INPUT'],
      [ApplicationErrorCode.BAD_TIME_RANGE, 'BAD_USER_INPUT'],
      [ApplicationErrorCode.BAD_EVENT_TYPE, 'BAD_USER_INPUT'],
    ];
    for (const [code, wire] of cases) {
      const answer = filter.catch(new ApplicationException(code, `refused: ${code}`));
      expect(answer).toBeInstanceOf(GraphQLError);
      expect((answer as GraphQLError).message).toBe(`refused: ${code}`);
      expect((answer as GraphQLError).extensions.code).toBe(wire);
    }
  });

  it('passes an error the edge raised on purpose through as it is', () => {
    const raised = new GraphQLError('no storage node 0x1', { extensions: { code: 'NOT_FOUND' } });
    expect(filter.catch(raised)).toBe(raised);
  });

  it('masks anything else, so that no SQL or path reaches a client', () => {
    const answer = filter.catch(new Error('relation "pool_state" does not exist at /srv/tusk/dist'));
    expect(answer).toBeInstanceOf(GraphQLError);
    expect((answer as GraphQLError).message).toBe('internal error');
    expect((answer as GraphQLError).extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });
});
