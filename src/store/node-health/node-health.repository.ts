import type { EntityManager } from 'typeorm';
import type { ShardStatusCounts } from 'src/store/node-health/node-health.entity';
import type { NodeCircuit, NodeHealthReport } from 'src/domain/shard-migration/node-health-report';
import { servesAsExpected } from 'src/domain/shard-migration/node-status';

/**
 * A node to poll: its ID, the network address it registered on chain, and why it is watched: a
 * member of the current committee, a node of the previous one (it still serves its old shards
 * read-only, and is the source of their transfers), or an active-set candidate outside both.
 */
export interface PollTarget {
  readonly nodeId: string;
  readonly networkAddress: string;
  readonly role: 'member' | 'previous' | 'candidate';
}

export interface NodeHealthRecord extends NodeCircuit {
  readonly nodeId: string;
  readonly checkedAt: Date;
  readonly reachable: boolean;
  readonly error: string | null;
  readonly lastOkAt: Date | null;
  readonly epoch: number | null;
  readonly nodeStatus: string | null;
  readonly shardCounts: ShardStatusCounts | null;
  /** Every owned shard's status; null when the node gave no per-shard detail. */
  readonly shardStatuses: ReadonlyMap<number, string> | null;
  readonly ownedShards: number | null;
}

interface NodeHealthRow {
  node_id: string;
  checked_at: Date;
  reachable: boolean;
  error: string | null;
  last_ok_at: Date | null;
  epoch: number | null;
  node_status: string | null;
  shard_counts: ShardStatusCounts | null;
  shard_statuses: [number, string][] | null;
  owned_shards: number | null;
  consecutive_failures: number;
  circuit: NodeCircuit['circuit'];
  next_poll_at: Date;
}

export type PollOutcome =
  { readonly ok: true; readonly report: NodeHealthReport } | { readonly ok: false; readonly error: string };

export const NodeHealthRepository = {
  /**
   * The nodes worth polling, each once with its most pressing role: the current committee; the
   * previous committee and every node of a handoff still under way; the latest active set.
   */
  async pollTargets(manager: EntityManager): Promise<PollTarget[]> {
    return (
      await manager.query<{ node_id: string; network_address: string; role: PollTarget['role'] }[]>(
        `WITH current AS (SELECT max(epoch) AS epoch FROM staking_state),
         watched AS (
           SELECT node_id, 1 AS rank FROM committee_member WHERE epoch = (SELECT epoch FROM current)
           UNION ALL SELECT node_id, 2 FROM committee_member WHERE epoch = (SELECT epoch FROM current) - 1
           UNION ALL SELECT m.node_id, 2 FROM migration_node m JOIN shard_migration s USING (epoch)
             WHERE s.ended_at IS NULL
           UNION ALL SELECT node_id, 3 FROM active_set_member
             WHERE epoch = (SELECT max(epoch) FROM active_set_member))
         SELECT n.node_id, n.network_address,
           (ARRAY['member', 'previous', 'candidate'])[min(w.rank)] AS role
         FROM watched w JOIN storage_node n USING (node_id)
         GROUP BY n.node_id, n.network_address ORDER BY n.node_id`,
      )
    ).map((row) => ({ nodeId: row.node_id, networkAddress: row.network_address, role: row.role }));
  },

  async all(manager: EntityManager): Promise<NodeHealthRecord[]> {
    const rows = await manager.query<NodeHealthRow[]>('SELECT * FROM node_health ORDER BY node_id');
    return rows.map((row) => ({
      nodeId: row.node_id,
      checkedAt: row.checked_at,
      reachable: row.reachable,
      error: row.error,
      lastOkAt: row.last_ok_at,
      epoch: row.epoch,
      nodeStatus: row.node_status,
      shardCounts: row.shard_counts,
      shardStatuses: row.shard_statuses === null ? null : new Map(row.shard_statuses),
      ownedShards: row.owned_shards,
      circuit: row.circuit,
      consecutiveFailures: row.consecutive_failures,
      nextPollAtMs: row.next_poll_at.getTime(),
    }));
  },

  /**
   * Stores a poll's outcome and the circuit after it. A failed poll keeps the last good report
   * (its epoch and shards) but marks the node unreachable with the reason.
   */
  async record(
    manager: EntityManager,
    nodeId: string,
    outcome: PollOutcome,
    circuit: NodeCircuit,
    at: Date,
    /** The current epoch and whether the node is in its committee; undefined before any is indexed. */
    current: { readonly epoch: number; readonly member: boolean } | undefined,
  ): Promise<void> {
    const report = outcome.ok ? outcome.report : undefined;
    const statuses = report === undefined || report.shards.size === 0 ? null : [...report.shards];
    await manager.query(
      `INSERT INTO node_health (node_id, checked_at, reachable, error, last_ok_at, epoch, node_status, shard_counts,
         shard_statuses, owned_shards, consecutive_failures, circuit, next_poll_at)
       VALUES ($1, $2::timestamptz, $3::boolean, $4, CASE WHEN $3::boolean THEN $2::timestamptz END, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (node_id) DO UPDATE SET checked_at = EXCLUDED.checked_at, reachable = EXCLUDED.reachable,
         error = EXCLUDED.error, consecutive_failures = EXCLUDED.consecutive_failures, circuit = EXCLUDED.circuit,
         next_poll_at = EXCLUDED.next_poll_at,
         last_ok_at = COALESCE(EXCLUDED.last_ok_at, node_health.last_ok_at),
         epoch = CASE WHEN EXCLUDED.reachable THEN EXCLUDED.epoch ELSE node_health.epoch END,
         node_status = CASE WHEN EXCLUDED.reachable THEN EXCLUDED.node_status ELSE node_health.node_status END,
         shard_counts = CASE WHEN EXCLUDED.reachable THEN EXCLUDED.shard_counts ELSE node_health.shard_counts END,
         shard_statuses = CASE WHEN EXCLUDED.reachable THEN EXCLUDED.shard_statuses ELSE node_health.shard_statuses END,
         owned_shards = CASE WHEN EXCLUDED.reachable THEN EXCLUDED.owned_shards ELSE node_health.owned_shards END`,
      [
        nodeId,
        at,
        outcome.ok,
        outcome.ok ? null : outcome.error,
        report?.epoch ?? null,
        report?.nodeStatus ?? null,
        report === undefined ? null : JSON.stringify(report.counts),
        statuses === null ? null : JSON.stringify(statuses),
        report?.owned ?? null,
        circuit.consecutiveFailures,
        circuit.circuit,
        new Date(circuit.nextPollAtMs),
      ],
    );
    if (current === undefined) {
      return;
    }
    const active = report !== undefined && servesAsExpected(report.nodeStatus, current.member);
    const readyShare =
      report === undefined ? 0 : report.owned === 0 ? 1 : Math.min(1, report.counts.ready / report.owned);
    await manager.query(
      `INSERT INTO node_availability (node_id, epoch, polls, reachable_polls, active_polls, ready_share_sum)
       VALUES ($1, $2, 1, $3, $4, $5)
       ON CONFLICT (node_id, epoch) DO UPDATE SET polls = node_availability.polls + 1,
         reachable_polls = node_availability.reachable_polls + EXCLUDED.reachable_polls,
         active_polls = node_availability.active_polls + EXCLUDED.active_polls,
         ready_share_sum = node_availability.ready_share_sum + EXCLUDED.ready_share_sum`,
      [nodeId, current.epoch, outcome.ok ? 1 : 0, active ? 1 : 0, readyShare],
    );
  },
};
