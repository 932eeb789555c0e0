import { Injectable, type NestMiddleware } from '@nestjs/common';
import { withReadScope } from 'src/store/read-scope';

/** Each GraphQL request is one read scope: what every resolver shares is read once. */
@Injectable()
export class ReadScopeMiddleware implements NestMiddleware {
  use(_request: unknown, _response: unknown, next: () => void): void {
    withReadScope(next);
  }
}
