import type { Server } from 'node:http';
import request from 'supertest';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

/** The value of every sample of `name` in a Prometheus text exposition, by its label text. */
function samples(text: string, name: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)$`).exec(line);
    if (match !== null) {
      found.set(match[1] ?? '', Number(match[2]));
    }
  }
  return found;
}

describe('network metrics on /metrics', () => {
  let api: IndexedApi;

  beforeAll(async () => {
    api = await startIndexedApi('node-churn', 19, 3);
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  it('exposes the epoch, its phase, the quorum and every operator’s shards, stake and commission', async () => {
    const response = await request(api.app.getHttpServer() as Server).get('/metrics');
    expect(response.status).toBe(200);
    const text = response.text;
    const network = api.devnet.network;
    expect(samples(text, 'tusk_epoch').get('')).toBe(network.epoch);
    const phases = samples(text, 'tusk_epoch_state');
    expect(phases.get(`{state="${network.epochState.kind}"}`)).toBe(1);
    expect([...phases.values()].reduce((a, b) => a + b, 0)).toBe(1);
    expect(samples(text, 'tusk_sync_quorum_shards').get('')).toBe(667);
    const shards = samples(text, 'tusk_node_shards');
    expect([...shards.values()].reduce((a, b) => a + b, 0)).toBe(1000);
    for (const member of network.committee) {
      const [entry] = [...shards].filter(([labels]) => labels.includes(`node="${member.nodeId}"`));
      expect(entry?.[1]).toBe(member.shards.length);
    }
    const commissions = samples(text, 'tusk_node_commission_ratio');
    for (const [nodeId, node] of network.nodes) {
      const [entry] = [...commissions].filter(([labels]) => labels.includes(`node="${nodeId}"`));
      expect(entry?.[1]).toBeCloseTo(node.pool.commissionRate / 10_000, 10);
    }
    // Slashing votes: the simulator's open proposal of this epoch against each node, or 0.
    const votes = samples(text, 'tusk_node_slashing_votes_shards');
    for (const nodeId of network.nodes.keys()) {
      const [entry] = [...votes].filter(([labels]) => labels.includes(`node="${nodeId}"`));
      const proposal = network.slashingProposals.get(nodeId);
      expect(entry?.[1]).toBe(proposal?.epoch === network.epoch ? proposal.votingWeight : 0);
    }
    // node-churn has a weak proposal against node-12 open by the end of epoch 3.
    expect([...votes.values()].filter((value) => value > 0)).toHaveLength(1);
    for (const name of [
      'tusk_node_stake_frost',
      'tusk_handoff_moves',
      'tusk_handoff_open_alerts',
      'tusk_node_score',
    ]) {
      expect(text).toContain(`# TYPE ${name} gauge`);
    }
  });
});
