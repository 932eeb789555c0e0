import { type Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream';

/**
 * Headers of one connection (RFC 9110 §7.6.1), which a forwarder does not pass on, and `Expect`:
 * the body is already in hand, and the answer to `100-continue` was this process's to give.
 */
const HOP_BY_HOP = new Set([
  'expect',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/**
 * How a forwarded request ended: answered (by the other process, or with an error once its answer
 * had begun), `unreachable` (nothing was written to the client: it may be served here instead),
 * or `timed out` (nothing was written, and no time is left to serve it here).
 */
export type ForwardOutcome = 'answered' | 'unreachable' | 'timed out';

/**
 * Sends `request`, whose body the front door has already read (`body`), to the Tusk process serving
 * on the Unix socket `socketPath`, and answers the client with its answer as it streams in: status,
 * headers (but those of one connection, and its `Server-Timing`, which this process's covers) and
 * body. A client that leaves closes the forwarded request, so the other process cancels its work.
 * An answer that has not begun after `timeoutMs` of silence is given up.
 */
export function forwardRequest(
  agent: Agent,
  socketPath: string,
  request: IncomingMessage,
  response: ServerResponse,
  body: Buffer | undefined,
  timeoutMs: number,
): Promise<ForwardOutcome> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'content-length') {
      headers[name] = value;
    }
  }
  if (body !== undefined) {
    headers['content-length'] = String(body.length);
  }
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ForwardOutcome) => {
      if (!settled) {
        settled = true;
        resolve(outcome);
      }
    };
    const forwarded = httpRequest(
      { agent, socketPath, method: request.method, path: request.url, headers },
      (answer) => {
        const passed: Record<string, string | string[]> = {};
        for (const [name, value] of Object.entries(answer.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name) && name !== 'server-timing') {
            passed[name] = value;
          }
        }
        response.writeHead(answer.statusCode ?? 502, passed);
        pipeline(answer, response, () => {
          settle('answered');
        });
      },
    );
    forwarded.setTimeout(timeoutMs, () => {
      forwarded.destroy(new Error(`no answer within ${timeoutMs} ms`));
      if (!response.headersSent) {
        settle('timed out');
      }
    });
    forwarded.on('error', () => {
      if (response.headersSent) {
        response.destroy();
        settle('answered');
      } else {
        settle('unreachable');
      }
    });
    // A client gone before the answer: the forwarded request goes too.
    response.once('close', () => {
      if (!response.writableFinished) {
        forwarded.destroy();
        settle('answered');
      }
    });
    forwarded.end(body);
  });
}
