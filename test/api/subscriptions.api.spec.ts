import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startIndexedApi, waitForWatermarks, type IndexedApi } from 'test/support/indexer-harness';
import { until } from 'test/support/until';

interface NetworkEvent {
  epoch: number;
  state: string;
  syncWeight: number | null;
}

describe('GraphQL subscriptions over WebSocket', () => {
  let api: IndexedApi;
  let client: Client;
  const unsubscribe: (() => void)[] = [];

  beforeAll(async () => {
    api = await startIndexedApi('steady-state', 41, 2);
    await api.app.listen(0, '127.0.0.1');
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      lazy: false,
    });
  }, 60_000);

  afterAll(async () => {
    for (const stop of unsubscribe) {
      stop();
    }
    await client.dispose();
    await api.close();
  });

  function collect(query: string, events: unknown[]): void {
    unsubscribe.push(
      client.subscribe(
        { query },
        {
          next: (result) => {
            const value = Object.values(result.data ?? {})[0];
            if (value !== undefined) {
              events.push(value);
            }
          },
          error: (error: unknown) => {
            throw error instanceof Error ? error : new Error(JSON.stringify(error));
          },
          complete: () => undefined,
        },
      ),
    );
  }

  /** Ticks the devnet until `condition`, then waits for the indexer to catch up. */
  async function advance(condition: () => boolean): Promise<void> {
    while (!condition()) {
      api.devnet.tick();
    }
    await waitForWatermarks(api.databaseUrl, api.devnet.ledger.tip, 30_000);
  }

  it('pushes the committee selection, every epoch state change and the sync progress as they are indexed', async () => {
    const states: NetworkEvent[] = [];
    const progress: NetworkEvent[] = [];
    const selections: { committee: { epoch: number; predicted: boolean } }[] = [];
    collect('subscription { epochStateChanged { epoch state syncWeight } }', states);
    collect('subscription { syncProgress { epoch state syncWeight } }', progress);
    collect('subscription { committeeSelected { committee { epoch predicted } } }', selections);
    // Let the feed read its baseline before anything changes.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const network = api.devnet.network;
    const epoch = network.epoch;

    await advance(() => network.committeeSelected);
    await until(() => selections.length === 1 && states.length === 1, 'the committee selection', 15_000);
    expect(selections[0]?.committee).toEqual({ epoch: epoch + 1, predicted: false });
    expect(states[0]).toMatchObject({ epoch, state: 'NextParamsSelected' });

    await advance(() => network.epoch === epoch + 1);
    await until(() => states.length === 2, 'the epoch change', 15_000);
    expect(states[1]).toMatchObject({ epoch: epoch + 1, state: 'EpochChangeSync' });

    await advance(() => network.epochState.kind === 'EpochChangeDone');
    await until(() => states.length === 3, 'the end of the handoff', 15_000);
    expect(states[2]).toMatchObject({ epoch: epoch + 1, state: 'EpochChangeDone', syncWeight: null });
    // Sync progress: the handoff's start, then its completion (pushed on that feed's own look).
    await until(() => progress.at(-1)?.state === 'EpochChangeDone', 'the completed sync progress', 15_000);
    expect(progress.at(0)).toMatchObject({ epoch: epoch + 1, state: 'EpochChangeSync' });
    expect(progress.at(-1)).toMatchObject({ epoch: epoch + 1, state: 'EpochChangeDone' });
  }, 60_000);
});
