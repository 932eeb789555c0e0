import { Catch, HttpException, Logger } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { toGraphQLError } from 'src/api/api-errors';
import { deadlineError } from 'src/api/limits/request-limits.plugin';
import { ApplicationException } from 'src/common/errors/application.exception';
import { DeadlineExceededError } from 'src/database/read-session';
import { currentReadSession } from 'src/store/read-scope';

/**
 * Every error a resolver raises, on its way to the client:
 * - refusals (bad input, an unknown epoch) go out with their code; they are answers, not failures,
 *   so they are not logged;
 * - a read cut short by the request's deadline (or failing because it was) is a `TIMEOUT`;
 * - anything else is a failure of Tusk: logged in full, and masked as `INTERNAL_SERVER_ERROR`, so
 *   that no SQL, path or stack reaches a client.
 */
@Catch()
export class GraphQLErrorFilter implements GqlExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  catch(exception: unknown): GraphQLError | HttpException {
    if (exception instanceof GraphQLError) {
      return exception;
    }
    if (exception instanceof ApplicationException) {
      return toGraphQLError(exception);
    }
    if (exception instanceof HttpException) {
      return exception;
    }
    if (exception instanceof DeadlineExceededError) {
      return deadlineError(exception.deadlineMs);
    }
    const session = currentReadSession();
    if (session?.expired === true) {
      return deadlineError(session.deadlineMs);
    }
    this.logger.error(
      `a request failed: ${exception instanceof Error ? (exception.stack ?? exception.message) : String(exception)}`,
    );
    return new GraphQLError('internal error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
}
