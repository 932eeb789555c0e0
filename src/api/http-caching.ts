import { createHash } from 'node:crypto';
import type { AppConfig } from 'src/config/app-config';
import { ResponseCache } from 'src/api/response-cache';

/** A GraphQL request as it arrives: a POST's JSON body, or a GET's query string parameters. */
interface GraphQLParameters {
  readonly query?: unknown;
  readonly operationName?: unknown;
  readonly variables?: unknown;
  readonly extensions?: unknown;
}

/** The hash an automatic persisted query (APQ) names its document by, if the request has one. */
export function persistedQueryHash(extensions: unknown): string | undefined {
  const persisted = (extensions as { persistedQuery?: { sha256Hash?: unknown } } | null | undefined)
    ?.persistedQuery;
  const hash = persisted?.sha256Hash;
  return typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? hash : undefined;
}

/** A GraphQL request as the cache and the prices know it. */
export interface KeyedRequest {
  /** The response cache's key: operation name, document (text or persisted hash), variables. */
  readonly key: string;
  /** The query text, when the request carries one (a persisted query's GET may not). */
  readonly query: string | undefined;
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown>;
}

/**
 * A request's key and parts: its operation name, its document (the query text, or the persisted
 * query's hash, which a GET may send alone) and its variables. `parameters` is a POST's parsed
 * JSON body or a GET's query string parameters. Undefined when the request is not a well-formed
 * GraphQL request, which Apollo then answers with its own error.
 */
export function keyedRequestOf(method: string | undefined, parameters: unknown): KeyedRequest | undefined {
  const get = method === 'GET';
  if (!get && method !== 'POST') {
    return undefined;
  }
  const request = parameters as GraphQLParameters | null | undefined;
  if (request === undefined || request === null || typeof request !== 'object') {
    return undefined;
  }
  const operationName = request.operationName;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return undefined;
  }
  const variables = get ? parsedJson(request.variables) : { value: request.variables };
  const extensions = get ? parsedJson(request.extensions) : { value: request.extensions };
  if (variables === undefined || extensions === undefined) {
    return undefined;
  }
  const document = documentOf(request.query, extensions.value);
  if (document === undefined) {
    return undefined;
  }
  const values = variables.value;
  return {
    key: ResponseCache.key(operationName, document, values),
    query: typeof request.query === 'string' ? request.query : undefined,
    operationName: operationName ?? undefined,
    variables:
      typeof values === 'object' && values !== null && !Array.isArray(values)
        ? (values as Record<string, unknown>)
        : {},
  };
}

/** The key `keyedRequestOf` gives a request, for one Apollo has read (`source` is its query text). */
export function operationKeyOf(
  request: {
    readonly operationName?: string | null;
    readonly variables?: unknown;
    readonly extensions?: unknown;
  },
  source: string,
): string {
  return ResponseCache.key(
    request.operationName,
    documentOf(source, request.extensions) ?? source,
    request.variables,
  );
}

/** What a request's document is known by in the cache: its persisted hash, else its text. */
export function documentOf(query: unknown, extensions: unknown): string | undefined {
  const hash = persistedQueryHash(extensions);
  if (hash !== undefined) {
    return `sha256:${hash}`;
  }
  return typeof query === 'string' ? query : undefined;
}

/** A GET parameter holding JSON (`variables`, `extensions`): absent is fine, unparseable is not. */
function parsedJson(raw: unknown): { value: unknown } | undefined {
  if (raw === undefined) {
    return { value: undefined };
  }
  if (typeof raw !== 'string') {
    return undefined;
  }
  try {
    return { value: JSON.parse(raw) as unknown };
  } catch {
    return undefined;
  }
}

/**
 * The entity tag of the answer to `key` at `checkpoint`. Weak: the body's `_meta.lagSeconds` moves
 * with the clock, while the data it describes is the same for the whole checkpoint.
 */
export function entityTagOf(checkpoint: string, key: string): string {
  const digest = createHash('sha256').update(key).digest('base64url').slice(0, 22);
  return `W/"${checkpoint}-${digest}"`;
}

/** Whether an `If-None-Match` header names `tag` (weak comparison, as RFC 9110 has it for GET). */
export function matchesEntityTag(header: string | undefined, tag: string): boolean {
  if (header === undefined) {
    return false;
  }
  const opaque = (value: string) => value.trim().replace(/^W\//, '');
  const wanted = opaque(tag);
  return header.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === wanted);
}

/**
 * How long a shared cache (a CDN, a reverse proxy) may serve a GET answer without asking again:
 * answers change only when the indexer moves past the checkpoint named in the entity tag.
 */
export function sharedCacheControl(config: AppConfig): string {
  const maxAge = config.api.httpMaxAgeSeconds;
  return `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`;
}
