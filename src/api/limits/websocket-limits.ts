import {
  GraphQLError,
  getOperationAST,
  OperationTypeNode,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { Context, ServerOptions, SubscribePayload } from 'graphql-ws';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { IncomingMessage } from 'node:http';
import type { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { costRefusal, queryCost } from 'src/api/query-cost';
import { queryLimitsRule } from 'src/api/query-limits';

/** What graphql-ws's `ws` adapter puts in a connection's context. */
interface SocketExtra {
  readonly request: IncomingMessage;
}

export interface WebSocketLimits {
  readonly connectionsPerIp: number;
  readonly subscriptionsPerConnection: number;
  readonly queryCostBudget: number;
}

/** The `close` code graphql-ws sends when `onConnect` refuses (4403 Forbidden). */
export const WEBSOCKET_REFUSED_CLOSE_CODE = 4403;

/**
 * The limits of GraphQL over WebSocket, as graphql-ws callbacks: connections per client address
 * (refused with close code 4403), subscriptions open at once per connection, the query limits and
 * cost budget of HTTP, and subscriptions only (queries over HTTP get the HTTP path's deadline,
 * cache and size limit). `schema` is read when a subscription arrives, after the server built it.
 */
export function webSocketLimits(
  limits: WebSocketLimits,
  schema: () => GraphQLSchema,
  metrics: ApiLimitsMetrics,
): GraphQLWsSubscriptionsConfig {
  const connections = new Map<string, number>();
  const counted = new WeakMap<object, string>();
  const open = new WeakMap<object, Set<string>>();

  const refuse = (message: string, code: string, extensions: Record<string, unknown> = {}) => [
    new GraphQLError(message, { extensions: { code, ...extensions } }),
  ];

  type SocketContext = Context;
  const addressOf = (ctx: SocketContext) =>
    (ctx.extra as SocketExtra).request.socket.remoteAddress ?? 'unknown';
  const options: Partial<ServerOptions> = {
    validate: (target, document) => validate(target, document, [...specifiedRules, queryLimitsRule]),
    onConnect(ctx: SocketContext) {
      const address = addressOf(ctx);
      const current = connections.get(address) ?? 0;
      if (current >= limits.connectionsPerIp) {
        metrics.refused('websocket_connections');
        return false;
      }
      connections.set(address, current + 1);
      counted.set(ctx, address);
      return true;
    },
    onClose(ctx: SocketContext) {
      const address = counted.get(ctx);
      if (address !== undefined) {
        counted.delete(ctx);
        const left = (connections.get(address) ?? 1) - 1;
        if (left <= 0) {
          connections.delete(address);
        } else {
          connections.set(address, left);
        }
      }
    },
    onSubscribe(ctx: SocketContext, id: string, payload: SubscribePayload) {
      let document: DocumentNode;
      try {
        document = parse(payload.query);
      } catch {
        // graphql-ws parses again and reports the syntax error itself.
        return undefined;
      }
      const operation = getOperationAST(document, payload.operationName ?? undefined);
      if (
        operation !== null &&
        operation !== undefined &&
        operation.operation !== OperationTypeNode.SUBSCRIPTION
      ) {
        return refuse(
          `only subscriptions are served over WebSocket; send ${operation.operation}s over HTTP`,
          'BAD_REQUEST',
        );
      }
      const ids = open.get(ctx) ?? new Set<string>();
      if (ids.size >= limits.subscriptionsPerConnection) {
        metrics.refused('websocket_subscriptions');
        return refuse(
          `this connection already has ${ids.size} subscriptions open, the most allowed; complete one first`,
          'TOO_MANY_SUBSCRIPTIONS',
          { limit: limits.subscriptionsPerConnection },
        );
      }
      const priced = queryCost(
        schema(),
        document,
        payload.variables ?? {},
        payload.operationName ?? undefined,
        limits.queryCostBudget,
      );
      const refusal = costRefusal(priced, limits.queryCostBudget, 'subscription');
      if (refusal !== undefined) {
        metrics.refused('query_too_costly');
        return [new GraphQLError(refusal.message, { extensions: refusal.extensions })];
      }
      ids.add(id);
      open.set(ctx, ids);
      return undefined;
    },
    onComplete(ctx: SocketContext, id: string) {
      open.get(ctx)?.delete(id);
    },
  };
  // Nest's type names only some of graphql-ws's options, but it hands all of them to graphql-ws's
  // `useServer` (GqlSubscriptionService spreads them in), `validate` and `onComplete` included.
  return options;
}
