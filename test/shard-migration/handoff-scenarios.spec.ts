import { committeeChange } from 'src/domain/committee/committee-change';
import { parseNodeId } from 'src/domain/shared/node-id';
import { query, waitForRows } from 'test/support/indexer-harness';
import { startLiveTusk, startLocalNetwork, type LiveTusk } from 'test/support/live-tusk';

interface MoveRow extends Record<string, unknown> {
  shard: number;
  from_name: string | null;
  to_name: string;
  state: string;
  escalated: boolean;
}

const ended = (epoch: number) =>
  `SELECT epoch FROM shard_migration WHERE epoch = ${epoch} AND ended_at IS NOT NULL`;

async function movesOf(databaseUrl: string, epoch: number): Promise<MoveRow[]> {
  return query<MoveRow>(
    databaseUrl,
    `SELECT m.shard, f.name AS from_name, t.name AS to_name, m.state, m.escalated FROM shard_move m
     LEFT JOIN storage_node f ON f.node_id = m.from_node JOIN storage_node t ON t.node_id = m.to_node
     WHERE m.epoch = ${epoch} ORDER BY m.shard`,
  );
}

/** A node's attestation of an epoch's handoff, by name. */
async function attestation(databaseUrl: string, epoch: number, name: string) {
  const [row] = await query<{ attested_late: boolean | null }>(
    databaseUrl,
    `SELECT m.attested_late FROM migration_node m JOIN storage_node n USING (node_id)
     WHERE m.epoch = ${epoch} AND n.name = '${name}'`,
  );
  return row;
}

/** Every move's recorded transitions chain from `planned` to its current state, each state once. */
async function expectConsistentHistory(databaseUrl: string, epoch: number): Promise<void> {
  const transitions = await query<{ shard: number; from_state: string; to_state: string }>(
    databaseUrl,
    `SELECT shard, from_state, to_state FROM shard_move_transition WHERE epoch = ${epoch} ORDER BY shard, id`,
  );
  const moves = await query<{ shard: number; state: string; from_node: string | null }>(
    databaseUrl,
    `SELECT shard, state, from_node FROM shard_move WHERE epoch = ${epoch}`,
  );
  const byShard = new Map<number, { from_state: string; to_state: string }[]>();
  for (const transition of transitions) {
    byShard.set(transition.shard, [...(byShard.get(transition.shard) ?? []), transition]);
  }
  for (const move of moves) {
    let state = move.from_node === null ? 'received' : 'planned';
    for (const step of byShard.get(move.shard) ?? []) {
      expect(step.from_state).toBe(state);
      state = step.to_state;
    }
    expect(state).toBe(move.state);
  }
}

describe('handoff scenarios on the live local network', () => {
  let tusk: LiveTusk | undefined;
  afterEach(async () => {
    await tusk?.close();
    tusk = undefined;
  }, 30_000);

  it('node-churn: clean handoffs, each plan the committee diff, every move received, quorum, done', async () => {
    tusk = await startLiveTusk('node-churn');
    const url = tusk.databaseUrl;
    await waitForRows(url, ended(3), (rows) => rows.length === 1, 90_000);
    for (const epoch of [2, 3]) {
      const committees = await query<{ epoch: number; node_id: string; shards: number[] }>(
        url,
        `SELECT epoch, node_id, shards FROM committee_member WHERE epoch IN (${epoch - 1}, ${epoch}) ORDER BY position`,
      );
      const committee = (e: number) =>
        committees
          .filter((row) => row.epoch === e)
          .map((row) => ({ nodeId: parseNodeId(row.node_id), shards: row.shards }));
      const diff = committeeChange(committee(epoch - 1), committee(epoch));
      const moves = await movesOf(url, epoch);
      expect(moves.length).toBe(diff.moves.length);
      expect(moves.every((move) => move.state === 'received')).toBe(true);
      const [migration] = await query<{ status: string; moved_shards: number }>(
        url,
        `SELECT status, moved_shards FROM shard_migration WHERE epoch = ${epoch}`,
      );
      expect(migration).toEqual({ status: 'done', moved_shards: diff.moves.length });
      const unattested = await query(
        url,
        `SELECT node_id FROM migration_node WHERE epoch = ${epoch} AND weight > 0 AND attested_at IS NULL`,
      );
      expect(unattested).toEqual([]);
      const stalls = await query(
        url,
        `SELECT kind FROM alert WHERE epoch = ${epoch} AND kind = 'handoff_stalled'`,
      );
      expect(stalls).toEqual([]);
      await expectConsistentHistory(url, epoch);
    }
  }, 120_000);

  it('outgoing-node-down: transfers from the down node escalate to recovery and finish; it is reported unreachable, then attests late', async () => {
    tusk = await startLiveTusk('outgoing-node-down');
    const url = tusk.databaseUrl;
    await waitForRows(url, ended(2), (rows) => rows.length === 1, 90_000);
    const fromDown = (await movesOf(url, 2)).filter((move) => move.from_name === 'node-1');
    expect(fromDown.length).toBeGreaterThan(0);
    expect(fromDown.every((move) => move.state === 'received')).toBe(true);
    const recovered = await query<{ count: string }>(
      url,
      `SELECT count(DISTINCT t.shard) FROM shard_move_transition t JOIN shard_move m USING (epoch, shard)
       JOIN storage_node f ON f.node_id = m.from_node WHERE t.epoch = 2 AND f.name = 'node-1' AND t.to_state = 'recovering'`,
    );
    // Seen in recovery (by the node or by Tusk's deadline); a shard that recovered between two polls
    // goes straight to received.
    expect(Number(recovered[0]?.count)).toBeGreaterThan(fromDown.length / 2);
    const unreachable = await query<{ resolved_at: Date | null }>(
      url,
      `SELECT a.resolved_at FROM alert a JOIN storage_node n ON n.node_id = a.subject
       WHERE a.epoch = 2 AND a.kind = 'node_unreachable' AND n.name = 'node-1'`,
    );
    expect(unreachable.length).toBeGreaterThan(0);
    expect(unreachable.every((alert) => alert.resolved_at !== null)).toBe(true);
    const node1 = await attestation(url, 2, 'node-1');
    // The epoch was done without it; it attested once back, before the next epoch change.
    expect(node1).toEqual({ attested_late: true });
    await expectConsistentHistory(url, 2);
  }, 120_000);

  it('crash-mid-handoff: the receiving node that went down is reported unreachable and stalled, and both resolve', async () => {
    tusk = await startLiveTusk('crash-mid-handoff');
    const url = tusk.databaseUrl;
    await waitForRows(url, ended(2), (rows) => rows.length === 1, 90_000);
    const alerts = await query<{ kind: string; resolution: string | null }>(
      url,
      `SELECT a.kind, a.resolution FROM alert a JOIN storage_node n ON n.node_id = a.subject
       WHERE a.epoch = 2 AND n.name = 'node-12' ORDER BY a.id`,
    );
    const kinds = new Set(alerts.map((alert) => alert.kind));
    expect(kinds).toContain('node_unreachable');
    expect(kinds).toContain('handoff_stalled');
    // Unreachable until it came back; its handoff stalled until it caught up or the epoch ended.
    expect(
      alerts.filter((alert) => alert.kind === 'node_unreachable').map((alert) => alert.resolution),
    ).toContain('cleared');
    expect(alerts.every((alert) => alert.resolution !== null)).toBe(true);
    const intoNode12 = (await movesOf(url, 2)).filter((move) => move.to_name === 'node-12');
    expect(intoNode12.length).toBeGreaterThan(0);
    expect(intoNode12.every((move) => move.state === 'received')).toBe(true);
    const node12 = await attestation(url, 2, 'node-12');
    expect(node12).toEqual({ attested_late: true });
    await expectConsistentHistory(url, 2);
  }, 120_000);

  it('a restart of Tusk mid-handoff resumes every plan from the database: no move lost or duplicated', async () => {
    const network = await startLocalNetwork('stuck-transfer');
    try {
      tusk = await startLiveTusk('stuck-transfer', network.env);
      const url = tusk.databaseUrl;
      // Stop while node-11's transfers are still stuck.
      await waitForRows(
        url,
        `SELECT m.shard FROM shard_move m JOIN storage_node n ON n.node_id = m.to_node
         WHERE m.epoch = 2 AND n.name = 'node-11' AND m.state IN ('transferring', 'recovering')`,
        (rows) => rows.length > 0,
        60_000,
      );
      await tusk.close();
      tusk = undefined;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      tusk = await startLiveTusk('stuck-transfer', network.env, url);
      await waitForRows(url, ended(2), (rows) => rows.length === 1, 60_000);
      const moves = await movesOf(url, 2);
      expect(
        moves.filter((move) => move.to_name === 'node-11').every((move) => move.state === 'received'),
      ).toBe(true);
      expect(moves.every((move) => move.state === 'received')).toBe(true);
      const [plans] = await query<{ count: string }>(
        url,
        'SELECT count(*) FROM shard_migration WHERE epoch = 2',
      );
      expect(Number(plans?.count)).toBe(1);
      await expectConsistentHistory(url, 2);
    } finally {
      await tusk?.close();
      tusk = undefined;
      await network.server.stop();
    }
  }, 150_000);
});
