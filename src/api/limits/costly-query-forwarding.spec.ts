import {
  Agent,
  createServer,
  request,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forwardRequest, type ForwardOutcome } from 'src/api/limits/costly-query-forwarding';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

function listen(server: Server, where: string | number): Promise<void> {
  return new Promise((resolve) => {
    if (typeof where === 'string') {
      server.listen(where, resolve);
    } else {
      server.listen(where, '127.0.0.1', resolve);
    }
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
}

/** What a client of the forwarding server received. */
interface Received {
  readonly status: number;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

/** A POST of `body`; with `expectContinue`, as curl sends a large one: the body after `100 Continue`. */
function post(port: number, body: string, expectContinue = false): Promise<Received> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql?x=1',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(expectContinue ? { expect: '100-continue' } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    sent.on('error', reject);
    if (expectContinue) {
      sent.once('continue', () => sent.end(body));
    } else {
      sent.end(body);
    }
  });
}

describe('forwardRequest', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tusk-forwarding-'));
  const socketPath = join(directory, 'costly.sock');
  const agent = new Agent({ keepAlive: true });
  let backendHandler: Handler = () => undefined;
  const backend = createServer((request, response) => {
    backendHandler(request, response);
  });
  const outcomes: ForwardOutcome[] = [];
  let front: Server;
  let port: number;

  beforeAll(async () => {
    front = createServer((request, response) => {
      // As the front door does: the body read first, then forwarded with it.
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void forwardRequest(agent, socketPath, request, response, Buffer.concat(chunks), 300).then(
          (outcome) => {
            outcomes.push(outcome);
            if (!response.headersSent && !response.destroyed) {
              response.writeHead(299).end(outcome);
            }
          },
        );
      });
    });
    await listen(front, 0);
    port = (front.address() as AddressInfo).port;
  });

  afterAll(async () => {
    agent.destroy();
    await close(front);
    rmSync(directory, { recursive: true, force: true });
  });

  afterEach(() => {
    outcomes.length = 0;
  });

  it('passes the request on with its body and path, and streams the answer back without its connection headers', async () => {
    await listen(backend, socketPath);
    try {
      backendHandler = (request, response) => {
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          response.writeHead(200, {
            'content-type': 'application/json',
            'server-timing': 'tusk;dur=1.00',
            'x-seen': `${request.method} ${request.url} ${request.headers['content-type']} ${request.headers.expect ?? 'no expect'}`,
          });
          // An answer in pieces, as a large one streams.
          response.write(`{"echo":${Buffer.concat(chunks).toString('utf8')},`);
          setTimeout(() => response.end('"more":true}'), 20);
        });
      };
      const received = await post(port, '{"query":"{ a }"}', true);
      expect(received.status).toBe(200);
      expect(JSON.parse(received.body)).toEqual({ echo: { query: '{ a }' }, more: true });
      expect(received.headers['x-seen']).toBe('POST /graphql?x=1 application/json no expect');
      expect(received.headers['server-timing']).toBeUndefined();
      expect(outcomes).toEqual(['answered']);
    } finally {
      await close(backend);
    }
  });

  it('says unreachable, writing nothing, when nothing serves on the socket', async () => {
    const received = await post(port, '{}');
    expect(received).toMatchObject({ status: 299, body: 'unreachable' });
  });

  it('gives up an answer that does not begin in time, and the other side sees the request go', async () => {
    await listen(backend, socketPath);
    try {
      const gone = new Promise<void>((resolve) => {
        backendHandler = (request) => {
          request.socket.once('close', () => {
            resolve();
          });
        };
      });
      const received = await post(port, '{}');
      expect(received).toMatchObject({ status: 299, body: 'timed out' });
      await gone;
    } finally {
      await close(backend);
    }
  });

  it('closes the forwarded request when its client leaves', async () => {
    await listen(backend, socketPath);
    try {
      let arrived: () => void = () => undefined;
      const arrival = new Promise<void>((resolve) => (arrived = resolve));
      const gone = new Promise<void>((resolve) => {
        backendHandler = (request) => {
          arrived();
          request.socket.once('close', () => {
            resolve();
          });
        };
      });
      const client = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST' });
      client.on('error', () => undefined);
      client.end('{}');
      await arrival;
      client.destroy();
      await gone;
      expect(outcomes).toEqual(['answered']);
    } finally {
      await close(backend);
    }
  });
});
