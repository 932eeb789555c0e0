import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { GraphQLSchema } from 'graphql';
import { Agent, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import responseTime from 'response-time';
import { ApiLimitsMetrics } from 'src/api/limits/api-limits.metrics';
import { ClientRateLimit } from 'src/api/limits/client-rate-limit';
import { forwardRequest } from 'src/api/limits/costly-query-forwarding';
import { deadlineError } from 'src/api/limits/request-limits.plugin';
import { QueryPrices } from 'src/api/limits/query-prices';
import { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { keyedRequestOf, entityTagOf, matchesEntityTag, sharedCacheControl } from 'src/api/http-caching';
import { ResponseCache } from 'src/api/response-cache';
import { CostlyQueryProcess } from 'src/common/costly-query-process';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';

/** The largest request body read: Nest's JSON body parser's default, which the API always had. */
export const MAX_REQUEST_BODY_BYTES = 100 * 1024;

/**
 * How long a forwarded costly query may go unanswered: its deadline in the other process, plus
 * a margin for the process itself (it answers `TIMEOUT` at its deadline).
 */
const FORWARD_MARGIN_MS = 5000;

/** How a cached answer's body begins, before its stored `data`. */
const DATA_PREFIX = Buffer.from('{"data":');

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/** A request the front door has read: its method and GraphQL parameters (body or query string). */
interface ReadRequest {
  readonly method: string | undefined;
  readonly parameters: unknown;
  /** A POST's body as received. */
  readonly body?: Buffer;
}

/**
 * The GraphQL endpoint's first handler, on the HTTP server itself, ahead of Express. What can be
 * answered without the framework is answered here, because a flood of such requests must cost as
 * little as the machine allows and must not queue the requests that do need the framework:
 * - a client over its rate gets 429 with `Retry-After` (`RATE_LIMITED`), before its body is read;
 * - a request above the budget is refused (`QUERY_TOO_COSTLY`): by its kept price, unparsed, or by
 *   one worked out as soon as it is parsed, before Apollo would validate it;
 * - a repeated request is answered from the response cache, at the checkpoint it was computed at,
 *   with a fresh `extensions._meta`; a GET naming the current entity tag gets 304.
 * - a query costing at least `TUSK_COSTLY_QUERY_COST` is forwarded to the costly-query process
 *   while it serves (`CostlyQueryProcess`), whose answer is streamed back.
 * Everything else goes on to Express with its JSON body already read (the body parser then leaves
 * it), where the request's read session opens and Apollo runs. A body over 100 KB is refused with
 * 413, one that is not JSON with 400, each with a GraphQL-shaped error. Every answer carries
 * `Server-Timing`.
 */
@Injectable()
export class GraphQLFrontDoor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(GraphQLFrontDoor.name);
  /** Connections to the costly-query process, kept open between requests. */
  private readonly costlyAgent = new Agent({ keepAlive: true });

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly schemaHost: GraphQLSchemaHost,
    private readonly rateLimit: ClientRateLimit,
    private readonly freshness: FreshnessTracker,
    private readonly cache: ResponseCache,
    private readonly prices: QueryPrices,
    private readonly metrics: ApiLimitsMetrics,
    private readonly costlyQueries: CostlyQueryProcess,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): void {
    this.costlyAgent.destroy();
  }

  onModuleInit(): void {
    // Absent where no HTTP server is made (the schema is built in an application context).
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    const server = adapter?.getHttpServer() as Server | undefined;
    if (server === undefined) {
      return;
    }
    const framework = server.listeners('request') as RequestListener[];
    server.removeAllListeners('request');
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const pass = () => {
        for (const listener of framework) {
          listener.call(server, request, response);
        }
      };
      if (!isGraphQLPath(request.url)) {
        pass();
        return;
      }
      stampServerTiming(request, response, noop);
      this.serve(request, response, pass, performance.now()).catch((error: unknown) => {
        this.logger.error({ err: error }, 'the GraphQL front door failed on a request');
        if (response.headersSent) {
          response.destroy();
        } else {
          answer(response, 500, errorBody('internal error', 'INTERNAL_SERVER_ERROR'));
        }
      });
    });
  }

  private async serve(
    request: IncomingMessage,
    response: ServerResponse,
    pass: () => void,
    arrivedAt: number,
  ): Promise<void> {
    const limited = await this.rateLimit.refusal(request);
    if (limited !== undefined) {
      const { client, retryAfter } = limited;
      answer(
        response,
        429,
        JSON.stringify({
          errors: [
            {
              message: `too many requests from ${client}; retry after ${retryAfter} s`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
            },
          ],
        }),
        { 'retry-after': String(retryAfter) },
      );
      this.metrics.refused('rate_limited', (performance.now() - arrivedAt) / 1000);
      return;
    }
    const read = await readRequest(request, response, this.prices);
    // A refusal by price is timed from the whole request in hand: the body's arrival is the client's.
    const readAt = performance.now();
    if (read === 'answered') {
      return;
    }
    if (read !== undefined && 'refusal' in read) {
      answer(response, 400, read.refusal);
      this.metrics.refused('query_too_costly', (performance.now() - readAt) / 1000);
      return;
    }
    if (read === undefined) {
      pass();
      return;
    }
    if (request.method === 'POST') {
      // Read here, so Express's body parser finds the body done and keeps this one.
      (request as IncomingMessage & { body?: unknown }).body = read.parameters;
    }
    const keyed = keyedRequestOf(read.method, read.parameters);
    const refusal =
      keyed === undefined
        ? undefined
        : this.prices.refusal(keyed, this.config.api.queryCostBudget, this.schema());
    if (refusal !== undefined) {
      // Over the budget, by its kept price or by one worked out before validation.
      answer(response, 400, refusal);
      if (read.body !== undefined) {
        this.prices.keepBodyRefusal(read.body, refusal);
      }
      this.metrics.refused('query_too_costly', (performance.now() - readAt) / 1000);
      return;
    }
    const key = request.headers['cache-control']?.includes('no-cache') === true ? undefined : keyed?.key;
    if (key !== undefined && (await this.answerFromCache(request, response, key))) {
      return;
    }
    const costlyProcess = this.costlyQueries.socketPath;
    const cost = keyed === undefined ? undefined : this.prices.costOf(keyed.key);
    if (costlyProcess === undefined || cost === undefined || cost < this.config.api.costlyQueries.cost) {
      pass();
      return;
    }
    const outcome = await forwardRequest(
      this.costlyAgent,
      costlyProcess,
      request,
      response,
      read.body,
      this.config.api.requestDeadlineMs + FORWARD_MARGIN_MS,
    );
    this.metrics.costlyQueryForwarded(outcome);
    if (outcome === 'unreachable') {
      // Gone since it was last seen serving (it is being started again): served here meanwhile.
      pass();
    } else if (outcome === 'timed out') {
      answer(
        response,
        503,
        JSON.stringify({ errors: [deadlineError(this.config.api.requestDeadlineMs).toJSON()] }),
      );
      this.metrics.refused('timeout');
    }
  }

  /** The schema once the GraphQL module has built it. */
  private schema(): GraphQLSchema | undefined {
    try {
      return this.schemaHost.schema;
    } catch {
      return undefined;
    }
  }

  /** Answers `key` from the cache if it holds the answer at the current checkpoint. */
  private async answerFromCache(
    request: IncomingMessage,
    response: ServerResponse,
    key: string,
  ): Promise<boolean> {
    const meta = this.freshness.currentIfKept() ?? (await this.freshness.current().catch(() => undefined));
    if (meta === undefined || meta.checkpoint === null) {
      return false;
    }
    const get = request.method === 'GET';
    const tag = get ? entityTagOf(meta.checkpoint, key) : '';
    const shared: Record<string, string> = get
      ? { etag: tag, 'cache-control': sharedCacheControl(this.config) }
      : {};
    if (
      get &&
      matchesEntityTag(request.headers['if-none-match'], tag) &&
      this.cache.answered(key, meta.checkpoint)
    ) {
      response.writeHead(304, shared);
      response.end();
      return true;
    }
    const data = this.cache.lookup(key, meta.checkpoint);
    if (data === undefined) {
      return false;
    }
    // The stored bytes as they are, between the envelope's: one write, no copy of the answer.
    const suffix = Buffer.from(`,"extensions":{"_meta":${JSON.stringify(meta)}}}`);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': DATA_PREFIX.length + data.length + suffix.length,
      'x-tusk-cache': 'hit',
      ...shared,
    });
    response.cork();
    response.write(DATA_PREFIX);
    response.write(data);
    response.end(suffix);
    return true;
  }
}

/**
 * Every GraphQL answer says how long Tusk took over it, from its headers read to its own headers
 * written (`Server-Timing: tusk;dur=<ms>`): the part of a client's wait that is the server's, which
 * browsers' developer tools show and which sets a slow network or a busy client apart from Tusk.
 */
const stampServerTiming = responseTime((_request, response, ms) => {
  response.setHeader('server-timing', `tusk;dur=${ms.toFixed(2)}`);
});

const noop = () => undefined;

function isGraphQLPath(url: string | undefined): boolean {
  if (url === undefined || !url.startsWith('/graphql')) {
    return false;
  }
  const rest = url.slice('/graphql'.length);
  return rest === '' || rest === '/' || rest.startsWith('?') || rest.startsWith('/?');
}

function answer(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    ...headers,
  });
  response.end(body);
}

function errorBody(message: string, code: string): string {
  return JSON.stringify({ errors: [{ message, extensions: { code } }] });
}

/**
 * The GraphQL parameters of a GET (its query string) or of a POST with a JSON body (read whole);
 * undefined for anything else, which Express and Apollo answer as they always did. 'answered' when
 * the body was refused here.
 */
async function readRequest(
  request: IncomingMessage,
  response: ServerResponse,
  prices: Pick<QueryPrices, 'refusalOfBody'>,
): Promise<ReadRequest | { readonly refusal: string } | undefined | 'answered'> {
  if (request.method === 'GET') {
    const search = request.url?.split('?', 2)[1] ?? '';
    return { method: 'GET', parameters: { ...parseQueryString(search) } };
  }
  const encoding = request.headers['content-encoding'];
  if (
    request.method !== 'POST' ||
    mediaTypeOf(request.headers['content-type']) !== 'application/json' ||
    (encoding !== undefined && encoding !== 'identity')
  ) {
    return undefined;
  }
  const body = await readBody(request);
  if (body === 'too large') {
    // The rest of the body is not read: the connection closes after the answer.
    response.setHeader('connection', 'close');
    answer(
      response,
      413,
      errorBody(`the request body is over ${MAX_REQUEST_BODY_BYTES} bytes`, 'REQUEST_TOO_LARGE'),
    );
    return 'answered';
  }
  if (body === 'aborted') {
    return 'answered';
  }
  // Looked up by its bytes: a body refused before costs no text on the heap (under a flood of them,
  // that text was half of the API's garbage).
  const refusal = prices.refusalOfBody(body.bytes);
  if (refusal !== undefined) {
    return { refusal };
  }
  try {
    return {
      method: 'POST',
      parameters: JSON.parse(body.bytes.toString('utf8')) as unknown,
      body: body.bytes,
    };
  } catch (error) {
    answer(
      response,
      400,
      errorBody(
        `the request body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        'BAD_REQUEST',
      ),
    );
    return 'answered';
  }
}

/** `application/json` from `application/json; charset=utf-8`. */
function mediaTypeOf(header: string | undefined): string | undefined {
  return header?.split(';', 1)[0]?.trim().toLowerCase();
}

/** A request's body as received, if within the limit and the client stays to send it. */
function readBody(request: IncomingMessage): Promise<{ bytes: Buffer } | 'too large' | 'aborted'> {
  const declared = Number(request.headers['content-length']);
  if (declared > MAX_REQUEST_BODY_BYTES) {
    return Promise.resolve('too large');
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const finish = (outcome: { bytes: Buffer } | 'too large' | 'aborted') => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onAbort);
      request.off('aborted', onAbort);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > MAX_REQUEST_BODY_BYTES) {
        request.pause();
        finish('too large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      finish({ bytes: Buffer.concat(chunks, length) });
    };
    const onAbort = () => {
      finish('aborted');
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onAbort);
    request.on('aborted', onAbort);
  });
}
