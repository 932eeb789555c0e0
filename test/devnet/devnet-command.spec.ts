import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import type { DevnetReady } from 'src/devnet/devnet.server';

const BINARY = join(__dirname, '..', '..', 'bin', 'tusk.js');

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', resolve);
    child.once('exit', (code) => {
      reject(new Error(`tusk devnet exited with ${code ?? 'a signal'} before it was ready`));
    });
  });
}

describe('tusk devnet', () => {
  let child: ChildProcessWithoutNullStreams;
  let ready: DevnetReady;

  beforeAll(async () => {
    child = spawn('node', [BINARY, 'devnet', '--port', '0', '--epoch-duration', '2s', '--seed', '5']);
    ready = JSON.parse(await firstLine(child)) as DevnetReady;
  });

  afterAll(() => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
    }
  });

  it('prints one JSON line with the endpoints and the Walrus object IDs', () => {
    expect(ready).toMatchObject({
      network: 'local',
      scenario: 'steady-state',
      seed: 5,
      epochDurationMs: 2000,
    });
    expect(ready.grpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(ready.walCoinType).toMatch(/^0x[0-9a-f]{64}::wal::WAL$/);
    expect(ready.storageNodes).toHaveLength(12);
  });

  it('serves SuiGrpcClient, the Walrus SDK and new checkpoints as they are produced', async () => {
    const suiClient = new SuiGrpcClient({ network: 'localnet', baseUrl: ready.grpcUrl });
    const abort = new AbortController();
    const cursors: bigint[] = [];
    for await (const frame of suiClient.subscriptionService.subscribeCheckpoints({}, { abort: abort.signal })
      .responses) {
      cursors.push(frame.cursor ?? 0n);
      if (cursors.length === 3) {
        abort.abort();
        break;
      }
    }
    expect(cursors[1]).toBe(cursors[0]! + 1n);

    const walrus = new WalrusClient({
      suiClient,
      packageConfig: { systemObjectId: ready.systemObjectId, stakingPoolId: ready.stakingObjectId },
    });
    const deadline = Date.now() + 10_000;
    let state = await walrus.stakingState();
    while (state.epoch < 1 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      walrus.reset();
      state = await walrus.stakingState();
    }
    expect(state.epoch).toBeGreaterThanOrEqual(1);
    const shards = state.committee[0].contents.reduce((sum, entry) => sum + entry.value.length, 0);
    expect(shards).toBe(1000);
  });

  it('runs storage nodes with the Walrus health API', async () => {
    const response = await fetch(`${ready.storageNodes[0]!.healthUrl}?detailed=true`);
    const body = (await response.json()) as {
      success: { data: { nodeStatus: string; shardSummary: unknown } };
    };
    expect(response.status).toBe(200);
    expect(body.success.data).toMatchObject({
      nodeStatus: expect.any(String) as string,
      shardSummary: expect.anything() as unknown,
    });
  });

  it('stops cleanly on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });

  it.each([
    [['--epoch-duration', 'soon'], /--epoch-duration must be a duration/],
    [['--epoch-duration', '1s'], /at least 2s/],
    [['--scenario', 'moon-landing'], /no scenario "moon-landing"; shipped scenarios:/],
    [['--seed', '-3'], /--seed must be/],
    [
      ['--object-store', '/dev/null/objects'],
      /--object-store \/dev\/null\/objects is not a directory it can write in/,
    ],
  ])('refuses %j with exit 2 and one line', (args, message) => {
    const result = spawnSync('node', [BINARY, 'devnet', '--port', '0', ...args], { timeout: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.toString()).toMatch(message);
    expect(result.stderr.toString().trim().split('\n')).toHaveLength(1);
  });
});
