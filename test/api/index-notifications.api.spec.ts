import { graphql } from 'test/support/graphql';
import { query, startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

describe('answers kept until the indexer notifies a commit', () => {
  let api: IndexedApi;

  beforeAll(async () => {
    api = await startIndexedApi('steady-state', 23, 1);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  async function checkpoint(): Promise<bigint> {
    const response = await graphql(api.app, '{ network { epoch } }');
    const meta = (response as unknown as { extensions: { _meta: { checkpoint: string } } }).extensions._meta;
    return BigInt(meta.checkpoint);
  }

  async function untilPast(after: bigint): Promise<bigint> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const current = await checkpoint();
      if (current > after) {
        return current;
      }
      if (Date.now() > deadline) {
        throw new Error(`_meta stayed at ${current}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const listeners = () =>
    query<{ pid: number }>(
      api.databaseUrl,
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN tusk_indexed'",
    );

  it('shows each new checkpoint, and keeps doing so while its listening connection is lost and back', async () => {
    const start = await checkpoint();
    expect(await listeners()).toHaveLength(1);
    api.devnet.tick();
    const next = await untilPast(start);
    // The listening connection dies: answers fall back to reading, then it comes back.
    const [listener] = await listeners();
    await query(api.databaseUrl, `SELECT pg_terminate_backend(${listener?.pid ?? 0})`);
    api.devnet.tick();
    const after = await untilPast(next);
    const deadline = Date.now() + 10_000;
    while ((await listeners()).length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await listeners()).toHaveLength(1);
    api.devnet.tick();
    await untilPast(after);
  });
});
