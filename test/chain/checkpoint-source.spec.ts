import { GrpcTypes, SuiGrpcClient } from '@mysten/sui/grpc';
import { NonRetryableChainError, type RetryableChainError } from 'src/chain/chain-errors';
import { CheckpointSource, LIST_PAGING } from 'src/chain/checkpoint-source';
import { Devnet } from 'src/devnet/devnet';
import { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import { registerSuiRpc } from 'src/devnet/ledger/sui-rpc.handlers';
import { loadScenario } from 'src/devnet/scenario';
import { seededRandom } from 'src/devnet/seeded-random';

async function collect(
  source: CheckpointSource,
  from: bigint,
  count: number,
  timeoutMs = 30_000,
): Promise<bigint[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => {
    abort.abort();
  }, timeoutMs);
  const seen: bigint[] = [];
  try {
    for await (const checkpoint of source.stream(from, abort.signal)) {
      seen.push(checkpoint.sequenceNumber ?? -1n);
      if (seen.length === count) {
        break;
      }
    }
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
  return seen;
}

describe('CheckpointSource', () => {
  const devnet = new Devnet({
    scenario: loadScenario('steady-state'),
    seed: 3,
    epochDurationMs: 10_000,
    genesisTimeMs: Date.UTC(2026, 0, 1),
  });
  const server = new GrpcWebServer();
  registerSuiRpc(server, devnet.ledger);
  let client: SuiGrpcClient;
  let ticker: NodeJS.Timeout;

  beforeAll(async () => {
    for (let i = 0; i < 40; i++) {
      devnet.tick();
    }
    client = new SuiGrpcClient({ network: 'localnet', baseUrl: await server.listen(0) });
    ticker = setInterval(() => {
      devnet.tick();
    }, 10);
  });

  afterAll(async () => {
    clearInterval(ticker);
    await server.close();
  });

  afterEach(() => {
    server.injectFaults(undefined);
  });

  it('catches up from history and follows the tip, each checkpoint once and in order', async () => {
    const seen = await collect(new CheckpointSource({ client }), 5n, 120);
    expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => 5n + BigInt(i)));
  });

  it('delivers the same sequence through errors, delays, cut streams and duplicated frames', async () => {
    server.injectFaults({
      errorRate: 0.2,
      delayMs: 3,
      dropStreamRate: 0.4,
      duplicateRate: 0.3,
      random: seededRandom(11),
    });
    const retries: RetryableChainError[] = [];
    const source = new CheckpointSource({
      client,
      backoff: { initialMs: 5, maxMs: 50 },
      random: seededRandom(12),
      onRetry: (error) => retries.push(error),
    });
    const seen = await collect(source, 0n, 150);
    expect(seen).toEqual(Array.from({ length: 150 }, (_, i) => BigInt(i)));
    expect(retries.length).toBeGreaterThan(0);
  });

  it('stops at once, with the reason, when the node refuses the request', async () => {
    const refusing = new GrpcWebServer();
    refusing.register(GrpcTypes.LedgerService, {
      GetServiceInfo: () => GrpcTypes.GetServiceInfoResponse.create({}),
    });
    const url = await refusing.listen(0);
    try {
      const source = new CheckpointSource({
        client: new SuiGrpcClient({ network: 'localnet', baseUrl: url }),
      });
      const stream = source.stream(0n, new AbortController().signal);
      await expect(stream.next()).rejects.toBeInstanceOf(NonRetryableChainError);
      await expect(source.stream(0n, new AbortController().signal).next()).rejects.toThrow(/UNIMPLEMENTED/);
    } finally {
      await refusing.close();
    }
  });

  it('sizes its pages by what they held: doubling over quiet checkpoints, shrinking to fit busy ones', async () => {
    // 2000 empty checkpoints, then 600 with 200 changed objects each.
    const quiet = 2000;
    const busy = 600;
    const changedPerBusy = 200;
    const checkpointAt = (sequence: bigint) =>
      GrpcTypes.Checkpoint.create({
        sequenceNumber: sequence,
        transactions:
          sequence < BigInt(quiet)
            ? []
            : [
                GrpcTypes.ExecutedTransaction.create({
                  effects: GrpcTypes.TransactionEffects.create({
                    changedObjects: Array.from({ length: changedPerBusy }, () =>
                      GrpcTypes.ChangedObject.create(),
                    ),
                  }),
                }),
              ],
      });
    const ranges: [bigint, bigint][] = [];
    const recording = new GrpcWebServer();
    recording.register(GrpcTypes.LedgerService, {
      ListCheckpoints: async function* (request) {
        const { startCheckpoint = 0n, endCheckpoint = 0n } = request as GrpcTypes.ListCheckpointsRequest;
        ranges.push([startCheckpoint, endCheckpoint]);
        for (
          let sequence = startCheckpoint;
          sequence < endCheckpoint && sequence < quiet + busy;
          sequence++
        ) {
          await Promise.resolve();
          yield GrpcTypes.ListCheckpointsResponse.create({ checkpoint: checkpointAt(sequence) });
        }
      },
    });
    const url = await recording.listen(0);
    try {
      const source = new CheckpointSource({
        client: new SuiGrpcClient({ network: 'localnet', baseUrl: url }),
      });
      const seen = await collect(source, 0n, quiet + busy);
      expect(seen).toEqual(Array.from({ length: quiet + busy }, (_, i) => BigInt(i)));
    } finally {
      await recording.close();
    }
    const sizes = ranges.map(([start, end]) => Number(end - start));
    // Quiet pages double from the first size up to the largest.
    const doubling: number[] = [];
    for (
      let size: number = LIST_PAGING.first, listed = 0;
      listed < quiet;
      listed += size, size = Math.min(size * 2, LIST_PAGING.max)
    ) {
      doubling.push(size);
    }
    expect(sizes.slice(0, doubling.length)).toEqual(doubling);
    // The page that ran into the busy checkpoints held far more than the budget; the next one is
    // sized from its average and is smaller, and from then on each page holds about the budget.
    const busyItems = 1 + 1 + changedPerBusy;
    const [mixed, ...fitted] = sizes.slice(doubling.length);
    expect(mixed).toBeLessThan(LIST_PAGING.max);
    expect(fitted.length).toBeGreaterThan(3);
    for (const size of fitted) {
      expect(size * busyItems).toBeLessThanOrEqual(LIST_PAGING.items);
      expect(size * busyItems).toBeGreaterThan(LIST_PAGING.items - busyItems);
    }
  });
});
