import { DataSource } from 'typeorm';
import { CommitteeAuditAlerts } from 'src/committee/committee-audit.alerts';
import { CommitteeService } from 'src/committee/committee.service';
import { query, startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

describe('the committee audit alert', () => {
  let api: IndexedApi;

  beforeAll(async () => {
    api = await startIndexedApi('steady-state', 23, 2);
  }, 90_000);

  afterAll(async () => {
    await api.close();
  });

  it('stays quiet while the chain’s committee is the recomputed one, and fires with the nodes when it is not', async () => {
    const dataSource = api.app.get(DataSource);
    const alerts = () =>
      new CommitteeAuditAlerts(dataSource, api.app.get(CommitteeService), { webhookUrls: [] });
    expect(await alerts().check(new Date())).toEqual({ opened: [], resolved: [] });

    // The index now says two members swapped one shard each: not what the selection produces.
    const [{ epoch } = { epoch: 0 }] = await query<{ epoch: number }>(
      api.databaseUrl,
      'SELECT max(epoch) AS epoch FROM staking_state',
    );
    const members = await query<{ node_id: string; shards: number[] }>(
      api.databaseUrl,
      `SELECT node_id, shards FROM committee_member WHERE epoch = ${epoch} AND shard_count > 1 ORDER BY node_id LIMIT 2`,
    );
    const [a, b] = members;
    if (a === undefined || b === undefined) {
      throw new Error('the committee has fewer than two members with shards');
    }
    const swap = async (from: typeof a, to: typeof b) => {
      await dataSource.query(
        `UPDATE committee_member SET shards = $3::smallint[] WHERE epoch = $1 AND node_id = $2`,
        [epoch, from.node_id, [to.shards[0], ...from.shards.slice(1)]],
      );
    };
    await swap(a, b);
    await swap(b, a);
    const fired = await alerts().check(new Date());
    expect(fired.opened).toHaveLength(1);
    expect(fired.opened[0]).toMatchObject({ kind: 'committee_mismatch', epoch, subject: 'network' });
    expect((fired.opened[0]?.details.differences as { node: string }[]).map((d) => d.node).sort()).toEqual(
      [a.node_id, b.node_id].sort(),
    );

    // Put back, the next audit of the epoch resolves it.
    for (const member of [a, b]) {
      await dataSource.query(
        'UPDATE committee_member SET shards = $3::smallint[] WHERE epoch = $1 AND node_id = $2',
        [epoch, member.node_id, member.shards],
      );
    }
    const cleared = await alerts().check(new Date());
    expect(cleared.resolved.map((alert) => alert.kind)).toEqual(['committee_mismatch']);
  });
});
