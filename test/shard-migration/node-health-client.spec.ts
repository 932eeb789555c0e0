import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeHealthClient } from 'src/shard-migration/health/node-health.client';

/**
 * Health answers in the shapes the real node software has shipped (MystenLabs/walrus: the first
 * flat `shardSummary` of PR #980, without `nodeStatus`; the nested `ownedShardStatus` of PR #1344
 * on, with `nodeStatus` and `eventProgress`), values of our own.
 */
const FLAT_SHAPE = {
  success: {
    code: 200,
    data: {
      uptime: { secs: 31, nanos: 120_000_000 },
      epoch: 3,
      publicKey: Buffer.alloc(48, 7).toString('base64'),
      shardSummary: { owned: 4, unknown: 0, ready: 3, inTransfer: 1, inRecovery: 0, readOnly: 2 },
      shardDetail: {
        owned: [
          { shard: 1, status: 'ready' },
          { shard: 5, status: 'ready' },
          { shard: 8, status: 'ready' },
          { shard: 9, status: 'inTransfer' },
        ],
        other: [
          { shard: 2, status: 'readOnly' },
          { shard: 6, status: 'readOnly' },
        ],
      },
    },
  },
};

const NESTED_SHAPE = {
  success: {
    code: 200,
    data: {
      uptime: { secs: 11_402, nanos: 5 },
      epoch: 12,
      publicKey: Buffer.alloc(48, 9).toString('base64'),
      nodeStatus: 'RecoveryInProgress (12)',
      eventProgress: { persisted: 40_112_771, pending: 18, highestFinishedEventIndex: 40_112_770 },
      shardSummary: {
        owned: 3,
        ownedShardStatus: { unknown: 0, ready: 1, inTransfer: 0, inRecovery: 2 },
        readOnly: 0,
      },
      latestCheckpointSequenceNumber: 198_000_312,
    },
  },
};

describe('NodeHealthClient', () => {
  let server: Server;
  let url: string;
  let answer: unknown;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  });

  const client = () => new NodeHealthClient({ timeoutMs: 5_000, gateway: url });

  it('reads the first, flat shard summary of nodes that did not report a status', async () => {
    answer = FLAT_SHAPE;
    const report = await client().fetch('node-a.example:9185');
    expect(report).toEqual({
      epoch: 3,
      nodeStatus: null,
      owned: 4,
      counts: { unknown: 0, ready: 3, inTransfer: 1, inRecovery: 0, readOnly: 2 },
      shards: new Map([
        [1, 'ready'],
        [5, 'ready'],
        [8, 'ready'],
        [9, 'inTransfer'],
      ]),
    });
  });

  it('reads the nested summary and the node status as printed', async () => {
    answer = NESTED_SHAPE;
    const report = await client().fetch('node-b.example:9185');
    expect(report).toEqual({
      epoch: 12,
      nodeStatus: 'RecoveryInProgress (12)',
      owned: 3,
      counts: { unknown: 0, ready: 1, inTransfer: 0, inRecovery: 2, readOnly: 0 },
      shards: new Map(),
    });
  });

  it('refuses a summary in neither shape, naming where', async () => {
    answer = { success: { code: 200, data: { epoch: 1, shardSummary: { owned: 1 } } } };
    await expect(client().fetch('node-c.example:9185')).rejects.toThrow('the health answer is malformed at');
  });
});
