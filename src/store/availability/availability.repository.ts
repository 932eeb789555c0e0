import type { EntityManager } from 'typeorm';
import {
  nodesUntilBelow,
  UNAVAILABILITY_REASONS,
  type AvailabilityVerdict,
  type UnavailabilityReason,
} from 'src/domain/availability/availability';

/** A node's state as one poll found it, with what it means for its committee shards. */
export interface NodeHealthState {
  readonly nodeId: string;
  /** The poll that found it (or now, for a node never polled). */
  readonly at: Date;
  readonly reachable: boolean;
  readonly chainEpoch: number;
  readonly epoch: number | null;
  readonly nodeStatus: string | null;
  readonly owned: number | null;
  readonly ready: number | null;
  readonly inTransfer: number | null;
  readonly inRecovery: number | null;
  readonly readOnly: number | null;
  readonly assignedShards: number;
  readonly availableShards: number;
  readonly reason: UnavailabilityReason | null;
}

export interface NodeHealthIntervalRecord extends Omit<NodeHealthState, 'at'> {
  readonly startedAt: Date;
  readonly lastSeenAt: Date;
  readonly endedAt: Date | null;
}

export interface VerdictRecord {
  readonly startedAt: Date;
  readonly lastSeenAt: Date;
  readonly endedAt: Date | null;
  readonly epoch: number;
  readonly nShards: number;
  readonly shardsAvailable: number;
  readonly readThreshold: number;
  readonly writeThreshold: number;
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly writesFailAfterNodes: number | null;
  readonly readsFailAfterNodes: number | null;
  readonly missing: readonly { nodeId: string; shards: number; available: number; reason: string }[];
}

export interface IncidentRecord {
  readonly id: string;
  readonly nodeId: string;
  readonly epoch: number;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly reasons: readonly UnavailabilityReason[];
  readonly shardsAffected: number;
  readonly stakeAffected: bigint;
  readonly delegatorsAffected: number;
}

export interface AttestationAuditRecord {
  readonly epoch: number;
  readonly nodeId: string;
  readonly attestedAt: Date;
  readonly verdict: 'ok' | 'premature' | 'unobserved';
  readonly evidenceAt: Date | null;
  readonly gained: number;
  readonly notReadyShards: number | null;
  readonly nodeStatus: string | null;
}

/** An attestation not audited yet, with the handoff it closes. */
export interface UnauditedAttestation {
  readonly epoch: number;
  readonly nodeId: string;
  readonly attestedAt: Date;
  readonly gained: number;
  readonly handoffStartedAt: Date;
}

const STATE_COLUMNS = [
  'reachable',
  'chain_epoch',
  'epoch',
  'node_status',
  'owned',
  'ready',
  'in_transfer',
  'in_recovery',
  'read_only',
  'assigned_shards',
  'available_shards',
  'reason',
] as const;
const STATE_TYPES = ['bool', 'int', 'int', 'text', 'int', 'int', 'int', 'int', 'int', 'int', 'int', 'text'];
const stateRow = (alias: string) => `(${STATE_COLUMNS.map((column) => `${alias}.${column}`).join(', ')})`;

interface IntervalRow {
  node_id: string;
  started_at: Date;
  last_seen_at: Date;
  ended_at: Date | null;
  reachable: boolean;
  chain_epoch: number;
  epoch: number | null;
  node_status: string | null;
  owned: number | null;
  ready: number | null;
  in_transfer: number | null;
  in_recovery: number | null;
  read_only: number | null;
  assigned_shards: number;
  available_shards: number;
  reason: UnavailabilityReason | null;
}

interface VerdictRow {
  started_at: Date;
  last_seen_at: Date;
  ended_at: Date | null;
  epoch: number;
  n_shards: number;
  shards_available: number;
  read_threshold: number;
  write_threshold: number;
  can_read: boolean;
  can_write: boolean;
  writes_fail_after_nodes: number | null;
  reads_fail_after_nodes: number | null;
  missing: VerdictRecord['missing'];
}

interface IncidentRow {
  id: string;
  node_id: string;
  epoch: number;
  started_at: Date;
  ended_at: Date | null;
  reasons: UnavailabilityReason[];
  shards_affected: number;
  stake_affected: string;
  delegators_affected: number;
}

const toInterval = (row: IntervalRow): NodeHealthIntervalRecord => ({
  nodeId: row.node_id,
  startedAt: row.started_at,
  lastSeenAt: row.last_seen_at,
  endedAt: row.ended_at,
  reachable: row.reachable,
  chainEpoch: row.chain_epoch,
  epoch: row.epoch,
  nodeStatus: row.node_status,
  owned: row.owned,
  ready: row.ready,
  inTransfer: row.in_transfer,
  inRecovery: row.in_recovery,
  readOnly: row.read_only,
  assignedShards: row.assigned_shards,
  availableShards: row.available_shards,
  reason: row.reason,
});

const toVerdict = (row: VerdictRow): VerdictRecord => ({
  startedAt: row.started_at,
  lastSeenAt: row.last_seen_at,
  endedAt: row.ended_at,
  epoch: row.epoch,
  nShards: row.n_shards,
  shardsAvailable: row.shards_available,
  readThreshold: row.read_threshold,
  writeThreshold: row.write_threshold,
  canRead: row.can_read,
  canWrite: row.can_write,
  writesFailAfterNodes: row.writes_fail_after_nodes,
  readsFailAfterNodes: row.reads_fail_after_nodes,
  missing: row.missing,
});

const toIncident = (row: IncidentRow): IncidentRecord => ({
  id: row.id,
  nodeId: row.node_id,
  epoch: row.epoch,
  startedAt: row.started_at,
  endedAt: row.ended_at,
  reasons: row.reasons,
  shardsAffected: row.shards_affected,
  stakeAffected: BigInt(row.stake_affected),
  delegatorsAffected: row.delegators_affected,
});

const worstFirst = (reasons: Iterable<UnavailabilityReason>) =>
  [...new Set(reasons)].sort((a, b) => UNAVAILABILITY_REASONS.indexOf(a) - UNAVAILABILITY_REASONS.indexOf(b));

/**
 * The availability history: each node's health as state changes, the network's verdict as it
 * changed, the incidents of committee members, and the audit of their attestations.
 */
export const AvailabilityRepository = {
  /**
   * Extends each node's open stretch when its state is unchanged, or ends it and opens a new one
   * at the poll that found the change. Two statements, because an open stretch must end before
   * the next one may open (one open stretch per node).
   */
  async recordNodeStates(manager: EntityManager, states: readonly NodeHealthState[]): Promise<void> {
    if (states.length === 0) {
      return;
    }
    const values = (s: NodeHealthState) => [
      s.reachable,
      s.chainEpoch,
      s.epoch,
      s.nodeStatus,
      s.owned,
      s.ready,
      s.inTransfer,
      s.inRecovery,
      s.readOnly,
      s.assignedShards,
      s.availableShards,
      s.reason,
    ];
    const columns = STATE_COLUMNS.map((_, index) => states.map((state) => values(state)[index]));
    const unnest = `unnest($1::text[], $2::timestamptz[], ${STATE_TYPES.map((type, index) => `$${index + 3}::${type}[]`).join(', ')})
      AS t(node_id, at, ${STATE_COLUMNS.join(', ')})`;
    const parameters = [states.map((state) => state.nodeId), states.map((state) => state.at), ...columns];
    await manager.query(
      `WITH t AS (SELECT * FROM ${unnest}),
       ended AS (
         UPDATE node_health_interval i SET ended_at = t.at FROM t
         WHERE i.node_id = t.node_id AND i.ended_at IS NULL AND ${stateRow('i')} IS DISTINCT FROM ${stateRow('t')}
         RETURNING i.id)
       UPDATE node_health_interval i SET last_seen_at = t.at FROM t
       WHERE i.node_id = t.node_id AND i.ended_at IS NULL AND i.last_seen_at < t.at
         AND ${stateRow('i')} IS NOT DISTINCT FROM ${stateRow('t')}`,
      parameters,
    );
    await manager.query(
      `INSERT INTO node_health_interval (node_id, started_at, last_seen_at, ${STATE_COLUMNS.join(', ')})
       SELECT t.node_id, t.at, t.at, ${STATE_COLUMNS.map((column) => `t.${column}`).join(', ')} FROM ${unnest}
       WHERE NOT EXISTS (SELECT 1 FROM node_health_interval i WHERE i.node_id = t.node_id AND i.ended_at IS NULL)`,
      parameters,
    );
  },

  /** Each node's state at `at`: the stretch that covered it, for nodes seen by then. */
  async nodeStatesAt(manager: EntityManager, at: Date): Promise<NodeHealthIntervalRecord[]> {
    const rows = await manager.query<IntervalRow[]>(
      `SELECT DISTINCT ON (node_id) * FROM node_health_interval WHERE started_at <= $1
       ORDER BY node_id, started_at DESC`,
      [at],
    );
    return rows.filter((row) => row.ended_at === null || row.ended_at > at).map(toInterval);
  },

  /** Every node's open stretch: its state as the latest poll found it. */
  async currentNodeStates(manager: EntityManager): Promise<NodeHealthIntervalRecord[]> {
    const rows = await manager.query<IntervalRow[]>(
      'SELECT * FROM node_health_interval WHERE ended_at IS NULL ORDER BY node_id',
    );
    return rows.map(toInterval);
  },

  /** A node's stretches overlapping `[from, to]`, oldest first. */
  async nodeHistory(
    manager: EntityManager,
    nodeId: string,
    range: { from: Date; to: Date; limit: number },
  ): Promise<NodeHealthIntervalRecord[]> {
    const rows = await manager.query<IntervalRow[]>(
      `SELECT * FROM node_health_interval WHERE node_id = $1 AND started_at <= $3
         AND (ended_at IS NULL OR ended_at > $2) ORDER BY started_at LIMIT $4`,
      [nodeId, range.from, range.to, range.limit],
    );
    return rows.map(toInterval);
  },

  /** The first observation of each node, for uptime windows. */
  async firstObserved(manager: EntityManager, nodeIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = await manager.query<{ node_id: string; first: Date }[]>(
      `SELECT node_id, min(started_at) AS first FROM node_health_interval WHERE node_id = ANY($1::text[])
       GROUP BY node_id`,
      [nodeIds],
    );
    return new Map(rows.map((row) => [row.node_id, row.first]));
  },

  /**
   * Extends the open verdict when the epoch and available shards are unchanged; otherwise ends it
   * and opens the new one. Returns whether the verdict changed.
   */
  async recordVerdict(manager: EntityManager, verdict: AvailabilityVerdict, at: Date): Promise<boolean> {
    const missing = verdict.members
      .filter((member) => member.reason !== null)
      .map((member) => ({
        nodeId: member.nodeId,
        shards: member.shards,
        available: member.availableShards,
        reason: member.reason,
      }));
    const [open] = await manager.query<VerdictRow[]>(
      'SELECT * FROM availability_interval WHERE ended_at IS NULL FOR UPDATE',
    );
    if (
      open !== undefined &&
      open.epoch === verdict.epoch &&
      open.shards_available === verdict.shardsAvailable &&
      JSON.stringify(open.missing) === JSON.stringify(missing)
    ) {
      await manager.query('UPDATE availability_interval SET last_seen_at = $1 WHERE ended_at IS NULL', [at]);
      return false;
    }
    await manager.query('UPDATE availability_interval SET ended_at = $1 WHERE ended_at IS NULL', [at]);
    await manager.query(
      `INSERT INTO availability_interval (started_at, last_seen_at, epoch, n_shards, shards_available,
         read_threshold, write_threshold, can_read, can_write, missing, writes_fail_after_nodes, reads_fail_after_nodes)
       VALUES ($1, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        at,
        verdict.epoch,
        verdict.nShards,
        verdict.shardsAvailable,
        verdict.read,
        verdict.write,
        verdict.canRead,
        verdict.canWrite,
        JSON.stringify(missing),
        nodesUntilBelow(verdict, verdict.write),
        nodesUntilBelow(verdict, verdict.read),
      ],
    );
    return true;
  },

  /** The verdict that stood at `at`, or the latest. */
  async verdictAt(manager: EntityManager, at?: Date): Promise<VerdictRecord | undefined> {
    const [row] = await manager.query<VerdictRow[]>(
      at === undefined
        ? 'SELECT * FROM availability_interval ORDER BY started_at DESC LIMIT 1'
        : `SELECT * FROM availability_interval WHERE started_at <= $1 AND (ended_at IS NULL OR ended_at > $1)
           ORDER BY started_at DESC LIMIT 1`,
      at === undefined ? [] : [at],
    );
    return row === undefined ? undefined : toVerdict(row);
  },

  /** Stretches overlapping `[from, to]` in which reads or writes were not possible, oldest first. */
  async outages(manager: EntityManager, from: Date, to: Date, limit: number): Promise<VerdictRecord[]> {
    const rows = await manager.query<VerdictRow[]>(
      `SELECT * FROM availability_interval WHERE started_at <= $2 AND (ended_at IS NULL OR ended_at > $1)
         AND NOT (can_read AND can_write) ORDER BY started_at LIMIT $3`,
      [from, to, limit],
    );
    return rows.map(toVerdict);
  },

  /**
   * Opens an incident for each member now missing shards, extends the open ones (the worst count,
   * every reason seen), and ends those of nodes that serve all their shards again or left the
   * committee. Stake and delegators are kept as given when an incident opens. Returns what opened and ended.
   */
  async syncIncidents(
    manager: EntityManager,
    epoch: number,
    missing: readonly {
      nodeId: string;
      unavailableShards: number;
      reason: UnavailabilityReason;
      /** The node's pool stake and delegators now, kept if an incident opens. */
      stake: bigint;
      delegators: number;
    }[],
    at: Date,
  ): Promise<{ opened: IncidentRecord[]; ended: IncidentRecord[] }> {
    const open = (
      await manager.query<IncidentRow[]>('SELECT * FROM node_incident WHERE ended_at IS NULL FOR UPDATE')
    ).map(toIncident);
    const openByNode = new Map(open.map((incident) => [incident.nodeId, incident]));
    const missingNodes = new Set(missing.map((node) => node.nodeId));
    const ended = (
      await manager.query<IncidentRow[]>(
        // Through a CTE: an UPDATE's own RETURNING comes back from the driver as [rows, count].
        `WITH ended AS (UPDATE node_incident SET ended_at = $1 WHERE ended_at IS NULL AND NOT (node_id = ANY($2::text[]))
           RETURNING *) SELECT * FROM ended`,
        [at, [...missingNodes]],
      )
    ).map(toIncident);
    const continuing = missing.filter((node) => openByNode.has(node.nodeId));
    if (continuing.length > 0) {
      await manager.query(
        `UPDATE node_incident i SET shards_affected = greatest(i.shards_affected, t.shards), reasons = t.reasons::text[]
         FROM unnest($1::text[], $2::int[], $3::text[]) AS t(node_id, shards, reasons)
         WHERE i.node_id = t.node_id AND i.ended_at IS NULL`,
        [
          continuing.map((node) => node.nodeId),
          continuing.map((node) => node.unavailableShards),
          continuing.map((node) => {
            const before = openByNode.get(node.nodeId)?.reasons ?? [];
            return `{${worstFirst([...before, node.reason]).join(',')}}`;
          }),
        ],
      );
    }
    const starting = missing.filter((node) => !openByNode.has(node.nodeId));
    const opened =
      starting.length === 0
        ? []
        : (
            await manager.query<IncidentRow[]>(
              `INSERT INTO node_incident (node_id, epoch, started_at, reasons, shards_affected, stake_affected,
                 delegators_affected)
               SELECT t.node_id, $4, $5, ARRAY[t.reason], t.shards, t.stake, t.delegators
               FROM unnest($1::text[], $2::int[], $3::text[], $6::numeric[], $7::int[])
                 AS t(node_id, shards, reason, stake, delegators)
               RETURNING *`,
              [
                starting.map((node) => node.nodeId),
                starting.map((node) => node.unavailableShards),
                starting.map((node) => node.reason),
                epoch,
                at,
                starting.map((node) => node.stake.toString()),
                starting.map((node) => node.delegators),
              ],
            )
          ).map(toIncident);
    return { opened, ended };
  },

  /** Incidents of the given nodes (all nodes when undefined) overlapping `[from, to]`, newest first. */
  async incidents(
    manager: EntityManager,
    options: { nodeIds?: readonly string[]; from: Date; to: Date; limit: number },
  ): Promise<IncidentRecord[]> {
    const rows = await manager.query<IncidentRow[]>(
      `SELECT * FROM node_incident WHERE started_at <= $2 AND (ended_at IS NULL OR ended_at > $1)
         AND ($3::text[] IS NULL OR node_id = ANY($3::text[]))
       ORDER BY started_at DESC LIMIT $4`,
      [options.from, options.to, options.nodeIds ?? null, options.limit],
    );
    return rows.map(toIncident);
  },

  /**
   * Attestations since `sinceEpoch` not audited yet whose handoff is far enough behind that the
   * first poll after them has had time to come: the node's `epoch_sync_done` seen on chain
   * (`node_attestation`) with the shards it gained and when its handoff started.
   */
  async unauditedAttestations(manager: EntityManager, settledBefore: Date): Promise<UnauditedAttestation[]> {
    const rows = await manager.query<
      { epoch: number; node_id: string; attested_at: Date; gained: number; started_at: Date }[]
    >(
      `SELECT a.epoch, a.node_id, a.attested_at, m.gained, s.started_at FROM node_attestation a
       JOIN migration_node m ON m.epoch = a.epoch AND m.node_id = a.node_id
       JOIN shard_migration s ON s.epoch = a.epoch
       WHERE a.attested_at <= $1
         AND NOT EXISTS (SELECT 1 FROM attestation_audit x WHERE x.epoch = a.epoch AND x.node_id = a.node_id)
       ORDER BY a.epoch, a.node_id LIMIT 500`,
      [settledBefore],
    );
    return rows.map((row) => ({
      epoch: row.epoch,
      nodeId: row.node_id,
      attestedAt: row.attested_at,
      gained: row.gained,
      handoffStartedAt: row.started_at,
    }));
  },

  /** The last stretch of a node that started at or before `at`, and the first that started after. */
  async statesAround(
    manager: EntityManager,
    nodeId: string,
    at: Date,
    handoff: { readonly epoch: number; readonly startedAt: Date },
  ): Promise<{ before: NodeHealthIntervalRecord | undefined; after: NodeHealthIntervalRecord | undefined }> {
    // Only answers the node gave for the handoff's epoch count: earlier ones predate its change.
    const [before] = await manager.query<IntervalRow[]>(
      `SELECT * FROM node_health_interval WHERE node_id = $1 AND started_at <= $2 AND last_seen_at >= $3
         AND reachable AND epoch >= $4 ORDER BY started_at DESC LIMIT 1`,
      [nodeId, at, handoff.startedAt, handoff.epoch],
    );
    const [after] = await manager.query<IntervalRow[]>(
      `SELECT * FROM node_health_interval WHERE node_id = $1 AND started_at > $2 AND reachable AND epoch >= $3
       ORDER BY started_at LIMIT 1`,
      [nodeId, at, handoff.epoch],
    );
    return {
      before: before === undefined ? undefined : toInterval(before),
      after: after === undefined ? undefined : toInterval(after),
    };
  },

  async writeAudits(manager: EntityManager, audits: readonly AttestationAuditRecord[]): Promise<void> {
    for (const audit of audits) {
      await manager.query(
        `INSERT INTO attestation_audit (epoch, node_id, attested_at, verdict, evidence_at, gained, not_ready_shards,
           node_status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [
          audit.epoch,
          audit.nodeId,
          audit.attestedAt,
          audit.verdict,
          audit.evidenceAt,
          audit.gained,
          audit.notReadyShards,
          audit.nodeStatus,
        ],
      );
    }
  },

  async audits(
    manager: EntityManager,
    filter: { epoch?: number; nodeId?: string; verdict?: AttestationAuditRecord['verdict']; limit: number },
  ): Promise<AttestationAuditRecord[]> {
    const rows = await manager.query<
      {
        epoch: number;
        node_id: string;
        attested_at: Date;
        verdict: AttestationAuditRecord['verdict'];
        evidence_at: Date | null;
        gained: number;
        not_ready_shards: number | null;
        node_status: string | null;
      }[]
    >(
      `SELECT * FROM attestation_audit WHERE ($1::int IS NULL OR epoch = $1) AND ($2::text IS NULL OR node_id = $2)
         AND ($4::text IS NULL OR verdict = $4)
       ORDER BY epoch DESC, node_id LIMIT $3`,
      [filter.epoch ?? null, filter.nodeId ?? null, filter.limit, filter.verdict ?? null],
    );
    return rows.map((row) => ({
      epoch: row.epoch,
      nodeId: row.node_id,
      attestedAt: row.attested_at,
      verdict: row.verdict,
      evidenceAt: row.evidence_at,
      gained: row.gained,
      notReadyShards: row.not_ready_shards,
      nodeStatus: row.node_status,
    }));
  },

  /** Drops history that ended before `cutoff`; open stretches and incidents are kept. */
  async prune(manager: EntityManager, cutoff: Date): Promise<number> {
    let removed = 0;
    for (const table of ['node_health_interval', 'availability_interval', 'node_incident']) {
      const [, count] = await manager.query<[unknown, number]>(
        `DELETE FROM ${table} WHERE ended_at IS NOT NULL AND ended_at < $1`,
        [cutoff],
      );
      removed += count;
    }
    return removed;
  },
};
