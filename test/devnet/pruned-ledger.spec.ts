import { tmpdir } from 'node:os';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Devnet } from 'src/devnet/devnet';
import { loadScenario } from 'src/devnet/scenario';
import { IndexerService } from 'src/indexer/indexer.service';
import { createApp } from 'src/main';
import {
  createTestDatabase,
  indexerConfig,
  indexUntil,
  query,
  serveDevnet,
  type ServedDevnet,
} from 'test/support/indexer-harness';

const RETAINED = 500;

/**
 * steady-state for a few epochs, in a ledger that keeps 500 checkpoints (over a thousand are
 * sealed), with the objects that left the window on disk or, for comparison, in memory.
 */
function prunedDevnet(coldObjectsOnDisk = true): Devnet {
  const devnet = new Devnet({
    scenario: loadScenario('steady-state'),
    seed: 31,
    epochDurationMs: 30_000,
    checkpointIntervalMs: 100,
    genesisTimeMs: Date.UTC(2026, 0, 1),
    retainedCheckpoints: RETAINED,
    coldObjectsDirectory: coldObjectsOnDisk ? tmpdir() : undefined,
  });
  devnet.runUntilEpochDone(4);
  return devnet;
}

describe('a local network that keeps a bounded window, like a pruned full node', () => {
  let devnet: Devnet;
  let served: ServedDevnet;
  let client: SuiGrpcClient;

  beforeAll(async () => {
    devnet = prunedDevnet();
    served = await serveDevnet(devnet);
    client = new SuiGrpcClient({ network: 'localnet', baseUrl: served.url });
  }, 60_000);

  afterAll(async () => {
    await served.server.close();
    await devnet.close();
  });

  it('keeps between the window and a tenth more, with absolute sequence numbers and event cursors', () => {
    const ledger = devnet.ledger;
    expect(ledger.tip).toBeGreaterThan(BigInt(RETAINED + RETAINED / 10));
    expect(ledger.checkpoints.length).toBeGreaterThanOrEqual(RETAINED);
    expect(ledger.checkpoints.length).toBeLessThanOrEqual(RETAINED + RETAINED / 10);
    expect(ledger.lowestAvailable).toBe(ledger.tip - BigInt(ledger.checkpoints.length) + 1n);
    expect(ledger.checkpoint(ledger.lowestAvailable)?.sequenceNumber).toBe(ledger.lowestAvailable);
    expect(ledger.checkpoint(ledger.lowestAvailable - 1n)).toBeUndefined();
    expect(ledger.events.every((entry) => entry.checkpoint >= ledger.lowestAvailable)).toBe(true);
    expect(ledger.events[0]?.sequence).toBeGreaterThan(0n);
    // Every live object is still there at its latest version.
    const staking = ledger.get(devnet.network.deployment.stakingObjectId);
    expect(staking).toBeDefined();
  });

  it('serves the objects that left the window from disk, exactly as a ledger holding them in memory', async () => {
    const twin = prunedDevnet(false);
    const ledger = devnet.ledger;
    expect(ledger.coldObjects).toBeGreaterThan(0);
    expect(twin.ledger.coldObjects).toBe(0);
    expect(ledger.checkpoint(ledger.tip)?.digest).toBe(twin.ledger.checkpoint(twin.ledger.tip)?.digest);

    // Every pool's exchange rates, one table entry per epoch: the oldest left the window long ago.
    const byId = (a: { fieldId: string }, b: { fieldId: string }): number =>
      a.fieldId.localeCompare(b.fieldId);
    const nodes = [...devnet.network.nodes.values()];
    for (const node of nodes) {
      const fields = ledger.dynamicFields(node.exchangeRatesId).sort(byId);
      expect(fields.length).toBe(node.pool.exchangeRates.size);
      expect(fields).toEqual(twin.ledger.dynamicFields(node.exchangeRatesId).sort(byId));
      for (const field of fields) {
        expect(ledger.get(field.fieldId)).toEqual(twin.ledger.get(field.fieldId));
      }
      const oldest = fields
        .map((field) => ledger.get(field.fieldId))
        .sort((a, b) => Number(a!.version - b!.version))[0];
      expect(ledger.get(oldest!.objectId, oldest!.version)).toEqual(oldest);
      expect(ledger.isPruned(oldest!.objectId, oldest!.version)).toBe(false);
      expect(ledger.isPruned(oldest!.objectId, oldest!.version - 1n)).toBe(true);
    }
    const owners = new Set([
      ...[...devnet.network.positions.values()].map((position) => position.owner),
      ...nodes.map((node) => node.operator),
    ]);
    expect(owners.size).toBeGreaterThan(nodes.length);
    for (const owner of owners) {
      expect(ledger.ownedBy(owner)).toEqual(twin.ledger.ownedBy(owner));
    }

    // Through the wire: a pool's whole exchange-rate table, paged.
    const [first] = nodes;
    const listed: string[] = [];
    let pageToken: Uint8Array | undefined;
    do {
      const { response } = await client.stateService.listDynamicFields({
        parent: first!.exchangeRatesId,
        pageSize: 50,
        pageToken,
      });
      listed.push(...response.dynamicFields.map((field) => field.fieldId ?? ''));
      pageToken = response.nextPageToken;
    } while (pageToken !== undefined && pageToken.length > 0);
    expect(listed.sort()).toEqual(
      ledger
        .dynamicFields(first!.exchangeRatesId)
        .map((f) => f.fieldId)
        .sort(),
    );
    await twin.close();
  });

  it('answers NOT_FOUND, saying so, for what is below the window, and serves the rest', async () => {
    const info = (await client.ledgerService.getServiceInfo({})).response;
    expect(info.lowestAvailableCheckpoint).toBe(devnet.ledger.lowestAvailable);
    await expect(
      client.ledgerService.getCheckpoint({
        checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 5n },
      }),
    ).rejects.toThrow(/checkpoint 5 is pruned: the lowest available checkpoint is \d+/);
    const kept = await client.ledgerService.getCheckpoint({
      checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: devnet.ledger.lowestAvailable },
    });
    expect(kept.response.checkpoint?.sequenceNumber).toBe(devnet.ledger.lowestAvailable);
    const list = client.ledgerService.listCheckpoints({ startCheckpoint: 0n, options: { limit: 2 } });
    await expect(
      (async () => {
        const received = [];
        for await (const message of list.responses) {
          received.push(message);
        }
        return received;
      })(),
    ).rejects.toThrow(/checkpoint 0 is pruned/);
  });

  it('a fresh Tusk on it starts from a snapshot by itself, and follows to the tip', async () => {
    const databaseUrl = await createTestDatabase();
    const app = await indexUntil(indexerConfig(databaseUrl, served), devnet.ledger.tip);
    try {
      const members = await query<{ n: string }>(
        databaseUrl,
        'SELECT count(*) AS n FROM committee_member WHERE epoch = (SELECT max(epoch) FROM staking_state)',
      );
      expect(Number(members[0]?.n)).toBeGreaterThan(0);
      const [state] = await query<{ epoch: number }>(
        databaseUrl,
        'SELECT max(epoch) AS epoch FROM staking_state',
      );
      expect(state?.epoch).toBe(devnet.network.epoch);
    } finally {
      await app.close();
    }
  });

  it('a Tusk told to replay from genesis refuses with the reason', async () => {
    const databaseUrl = await createTestDatabase();
    const app = await createApp(indexerConfig(databaseUrl, served, { TUSK_INDEXER_START: 'genesis' }), {
      quiet: true,
    });
    try {
      await app.init();
      const indexer = app.get(IndexerService);
      const deadline = Date.now() + 20_000;
      while (indexer.status.role !== 'failed' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      expect(indexer.status.role).toBe('failed');
      expect(indexer.status.error).toContain(
        `TUSK_INDEXER_START=genesis, but the chain serves checkpoints from ${devnet.ledger.lowestAvailable} only`,
      );
    } finally {
      await app.close();
    }
  });
});
