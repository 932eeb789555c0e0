import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IMessageType } from '@protobuf-ts/runtime';
import type { ServiceType } from '@protobuf-ts/runtime-rpc';
import { GrpcStatus, GrpcStatusError } from 'src/devnet/grpc-web/grpc-status';
import { DATA_FRAME, decodeFrames, encodeFrame, encodeTrailers } from 'src/devnet/grpc-web/grpc-web-frames';

/** What a handler knows about its call: the signal fires when the client goes away. */
export interface CallContext {
  readonly signal: AbortSignal;
}

const PRE_ENCODED = Symbol('pre-encoded');

/**
 * A response message already in its protobuf bytes: sent as they are. A handler that serves the
 * same immutable message again and again (a sealed checkpoint) encodes it once, as a full node
 * serves stored bytes.
 */
export function preEncoded(bytes: Uint8Array): object {
  return { [PRE_ENCODED]: bytes };
}

function encodedOf(message: object): Uint8Array | undefined {
  return (message as { [PRE_ENCODED]?: Uint8Array })[PRE_ENCODED];
}

export type UnaryHandler = (request: object, context: CallContext) => object | Promise<object>;
export type StreamingHandler = (request: object, context: CallContext) => AsyncIterable<object>;

interface RegisteredMethod {
  readonly input: IMessageType<object>;
  readonly output: IMessageType<object>;
  readonly streaming: boolean;
  readonly handler: UnaryHandler | StreamingHandler;
}

/**
 * Faults the server can inject, to test clients against a flaky full node. Rates are per call;
 * decisions come from the given random source so that a seed replays the same faults.
 */
export interface FaultInjection {
  /** Share of calls answered UNAVAILABLE before any message. */
  readonly errorRate?: number;
  /** Extra delay before answering, ms. */
  readonly delayMs?: number;
  /** Share of streaming calls whose connection is cut after a few messages. */
  readonly dropStreamRate?: number;
  /** Share of streamed messages sent twice. */
  readonly duplicateRate?: number;
  readonly random: () => number;
}

/** Largest request body accepted; Sui requests are small. */
const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/**
 * A grpc-web server on node:http, speaking what `GrpcWebFetchTransport` (and so `SuiGrpcClient`)
 * sends: binary (`application/grpc-web+proto`) or base64 text (`application/grpc-web-text`) bodies,
 * unary and server-streaming calls, statuses in trailers. Unknown methods answer UNIMPLEMENTED.
 */
export class GrpcWebServer {
  private readonly methods = new Map<string, RegisteredMethod>();
  private readonly server: Server;
  private readonly openCalls = new Set<AbortController>();
  private faults: FaultInjection | undefined;

  constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
  }

  /** Registers handlers for some of a service's methods, by method name (e.g. `GetObject`). */
  register(service: ServiceType, handlers: Record<string, UnaryHandler | StreamingHandler>): void {
    for (const [name, handler] of Object.entries(handlers)) {
      const method = service.methods.find((candidate) => candidate.name === name);
      if (method === undefined) {
        throw new Error(`${service.typeName} has no method ${name}`);
      }
      this.methods.set(`/${service.typeName}/${name}`, {
        input: method.I as IMessageType<object>,
        output: method.O as IMessageType<object>,
        streaming: method.serverStreaming,
        handler,
      });
    }
  }

  /** Starts (or, with undefined, stops) injecting faults into the calls that follow. */
  injectFaults(faults: FaultInjection | undefined): void {
    this.faults = faults;
  }

  async listen(port: number, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  /** Ends open streams, then stops listening. */
  async close(): Promise<void> {
    for (const call of this.openCalls) {
      call.abort();
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, corsHeaders()).end();
      return;
    }
    const contentType = request.headers['content-type'] ?? '';
    const text = contentType.startsWith('application/grpc-web-text');
    if (request.method !== 'POST' || !contentType.startsWith('application/grpc-web')) {
      response.writeHead(415, { 'content-type': 'text/plain' }).end('grpc-web only\n');
      return;
    }
    const responseType = text ? 'application/grpc-web-text+proto' : 'application/grpc-web+proto';
    const method = this.methods.get(request.url ?? '');
    if (method === undefined) {
      await drain(request);
      trailersOnly(
        response,
        responseType,
        GrpcStatus.UNIMPLEMENTED,
        `method ${request.url ?? ''} is not implemented`,
      );
      return;
    }

    let message: object;
    try {
      const body = await readBody(request);
      const frames = decodeFrames(text ? Buffer.from(body.toString('ascii'), 'base64') : body);
      const data = frames.find((frame) => frame.flag === DATA_FRAME);
      message = method.input.fromBinary(data?.payload ?? new Uint8Array());
    } catch (error) {
      trailersOnly(
        response,
        responseType,
        GrpcStatus.INVALID_ARGUMENT,
        `malformed request: ${describe(error)}`,
      );
      return;
    }

    const faults = this.faults;
    if (faults?.delayMs !== undefined) {
      await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
    }
    if (faults !== undefined && faults.random() < (faults.errorRate ?? 0)) {
      trailersOnly(response, responseType, GrpcStatus.UNAVAILABLE, 'injected fault: unavailable');
      return;
    }
    const dropAfter =
      faults !== undefined && method.streaming && faults.random() < (faults.dropStreamRate ?? 0)
        ? 1 + Math.floor(faults.random() * 5)
        : undefined;

    const call = new AbortController();
    this.openCalls.add(call);
    response.on('close', () => {
      call.abort();
    });
    response.writeHead(200, { 'content-type': responseType, ...corsHeaders() });
    // Send the headers now: a subscriber learns that its stream is established (the handler
    // registers its listener synchronously, in this same turn) before any message arrives.
    response.flushHeaders();
    const write = (chunk: Buffer): void => {
      response.write(text ? chunk.toString('base64') : chunk);
    };
    try {
      if (method.streaming) {
        let sent = 0;
        for await (const item of (method.handler as StreamingHandler)(message, { signal: call.signal })) {
          if (call.signal.aborted) {
            break;
          }
          const frame = encodeFrame(DATA_FRAME, encodedOf(item) ?? method.output.toBinary(item));
          write(frame);
          if (faults !== undefined && faults.random() < (faults.duplicateRate ?? 0)) {
            write(frame);
          }
          if (dropAfter !== undefined && ++sent >= dropAfter) {
            // Cut the connection mid-stream, without trailers, as a failing proxy would.
            response.destroy();
            return;
          }
        }
      } else {
        const result = await (method.handler as UnaryHandler)(message, { signal: call.signal });
        write(encodeFrame(DATA_FRAME, encodedOf(result) ?? method.output.toBinary(result)));
      }
      write(encodeTrailers(GrpcStatus.OK, ''));
    } catch (error) {
      const status = error instanceof GrpcStatusError ? error.status : GrpcStatus.INTERNAL;
      write(encodeTrailers(status, describe(error)));
    } finally {
      this.openCalls.delete(call);
      response.end();
    }
  }
}

function trailersOnly(
  response: ServerResponse,
  contentType: string,
  status: GrpcStatus,
  message: string,
): void {
  response
    .writeHead(200, {
      'content-type': contentType,
      'grpc-status': String(status),
      'grpc-message': encodeURIComponent(message),
      ...corsHeaders(),
    })
    .end();
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': '*',
    'access-control-expose-headers': 'grpc-status, grpc-message',
  };
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BYTES) {
      throw new Error(`request larger than ${MAX_REQUEST_BYTES} bytes`);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Consumes a request body that will not be read, so the connection can be reused. */
function drain(request: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    request.resume();
    request.once('end', resolve);
    request.once('error', () => {
      resolve();
    });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
