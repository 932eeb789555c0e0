import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';
import { runTusk } from 'test/support/run-cli';

describe('tusk governance slashing', () => {
  let api: IndexedApi;
  let url: string;

  beforeAll(async () => {
    api = await startIndexedApi('node-churn', 11, 4);
    await api.app.listen(0, '127.0.0.1');
    url = `${await api.app.getUrl()}/graphql`;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('prints each proposal of an epoch with its tally, status and voters', async () => {
    const run = await runTusk(['governance', 'slashing', '--epoch', '3', '--url', url]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('Slashing proposals in epoch 3');
    // node-churn: a quorum burns node-10's commission; two members' votes against node-12 lapse.
    expect(run.stdout).toMatch(/^node-10 {2}EXECUTED {2}\[#{30}\] \d+\/667 shards, commission burnt \d{4}-/m);
    expect(run.stdout).toMatch(/^node-12 {2}LAPSED {2}\[#*-+\] \d+\/667 shards$/m);
    expect(run.stdout).toMatch(/^ {2}voters: node-5 \(\d+\), node-8 \(\d+\)$/m);
  });

  it('refuses a malformed epoch and names an unknown one, and says when Tusk cannot be reached', async () => {
    expect(await runTusk(['governance', 'slashing', '--epoch', 'x', '--url', url])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--epoch must be an epoch number') as unknown,
    });
    const unknown = await runTusk(['governance', 'slashing', '--epoch', '999', '--url', url]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('epoch 999 is not indexed');
    const unreachable = await runTusk(['governance', 'slashing', '--url', 'http://127.0.0.1:9/graphql']);
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stderr).toContain('cannot reach Tusk at http://127.0.0.1:9/graphql');
  });
});
