import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { z } from 'zod';
import type { NodeHealthReport } from 'src/domain/shard-migration/node-health-report';

export type { NodeHealthReport };

const SHARD_STATUSES = ['unknown', 'ready', 'inTransfer', 'inRecovery', 'readOnly'] as const;
/** Health bodies are small; a larger one is refused rather than buffered. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const shardEntry = z.object({ shard: z.number().int().min(0).max(65_535), status: z.enum(SHARD_STATUSES) });
const count = z.number().int().nonnegative();
const ownedCounts = z.object({ unknown: count, ready: count, inTransfer: count, inRecovery: count });
/**
 * The shard summary in both shapes the node software has shipped: owned counts nested under
 * `ownedShardStatus` (since MystenLabs/walrus#1344), or beside `owned` (#980, the first one).
 */
const shardSummary = z.union([
  z.object({ owned: count, ownedShardStatus: ownedCounts, readOnly: count }),
  ownedCounts.extend({ owned: count, readOnly: count }),
]);
const healthBody = z.object({
  success: z.object({
    data: z.object({
      epoch: z.number().int().nonnegative(),
      /** Absent from the first versions of the health API. */
      nodeStatus: z.string().optional(),
      shardSummary,
      shardDetail: z.object({ owned: z.array(shardEntry), other: z.array(shardEntry) }).optional(),
    }),
  }),
});

export class NodeHealthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeHealthError';
  }
}

/**
 * Reads storage nodes' health API over HTTP(S). Without a gateway a node is reached at
 * `https://<its network address>`; Walrus nodes present self-signed certificates bound to their
 * network key, so the certificate chain is not checked (the data is public and only observed).
 * With a gateway every request goes there, naming the node in `Host`.
 */
export class NodeHealthClient {
  constructor(
    private readonly options: { readonly timeoutMs: number; readonly gateway: string | undefined },
  ) {}

  async fetch(networkAddress: string, signal?: AbortSignal): Promise<NodeHealthReport> {
    const target = this.options.gateway ?? `https://${networkAddress}`;
    return this.read(target, this.options.gateway === undefined ? undefined : networkAddress, signal);
  }

  /** Reads the node at a base URL (`https://host:port`), as an operator's own tools would. */
  async fetchUrl(baseUrl: string, signal?: AbortSignal): Promise<NodeHealthReport> {
    return this.read(baseUrl, undefined, signal);
  }

  private async read(
    base: string,
    host: string | undefined,
    signal?: AbortSignal,
  ): Promise<NodeHealthReport> {
    const url = new URL('/v1/health?detailed=true', base);
    const body = await this.get(url, host, signal);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new NodeHealthError('the health answer is not JSON');
    }
    const parsed = healthBody.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new NodeHealthError(
        `the health answer is malformed at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`,
      );
    }
    const data = parsed.data.success.data;
    const summary = data.shardSummary;
    const owned = 'ownedShardStatus' in summary ? summary.ownedShardStatus : summary;
    return {
      epoch: data.epoch,
      nodeStatus: data.nodeStatus ?? null,
      owned: summary.owned,
      counts: {
        unknown: owned.unknown,
        ready: owned.ready,
        inTransfer: owned.inTransfer,
        inRecovery: owned.inRecovery,
        readOnly: summary.readOnly,
      },
      shards: new Map((data.shardDetail?.owned ?? []).map((entry) => [entry.shard, entry.status])),
    };
  }

  private get(url: URL, host: string | undefined, outer: AbortSignal | undefined): Promise<string> {
    const signal = outer
      ? AbortSignal.any([outer, AbortSignal.timeout(this.options.timeoutMs)])
      : AbortSignal.timeout(this.options.timeoutMs);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<string>((resolve, reject) => {
      const fail = (error: unknown) => {
        reject(
          signal.aborted
            ? new NodeHealthError(`no answer within ${this.options.timeoutMs} ms`)
            : new NodeHealthError(error instanceof Error ? error.message : String(error)),
        );
      };
      const outgoing = send(
        url,
        {
          method: 'GET',
          headers: { accept: 'application/json', ...(host === undefined ? {} : { host }) },
          signal,
          rejectUnauthorized: false,
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              response.destroy(new NodeHealthError(`the health answer exceeds ${MAX_BODY_BYTES} bytes`));
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', fail);
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status !== 200) {
              reject(new NodeHealthError(`HTTP ${status}`));
              return;
            }
            resolve(Buffer.concat(chunks).toString('utf8'));
          });
        },
      );
      outgoing.on('error', fail);
      outgoing.end();
    });
  }
}
