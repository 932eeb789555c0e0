import type { EntityManager } from 'typeorm';

/** Alerts of a handoff, raised by the orchestrator. */
export const HANDOFF_ALERT_KINDS = [
  'handoff_stalled',
  'attestation_overdue',
  'node_unreachable',
  'quorum_at_risk',
] as const;
/** Alerts of the network's availability, raised by its tracker. */
export const AVAILABILITY_ALERT_KINDS = [
  'node_unavailable',
  'writes_at_risk',
  'reads_down',
  'attestation_premature',
] as const;
/** Early warnings for delegators, raised by their watcher. */
export const DELEGATOR_ALERT_KINDS = [
  'commission_change_scheduled',
  'committee_exit_risk',
  'slashing_vote_opened',
] as const;
/** Alerts about the chain itself: its committee differs from Tusk's recomputation. */
export const GOVERNANCE_ALERT_KINDS = ['committee_mismatch'] as const;
/** Another Tusk instance's report on an epoch differs from this instance's own computation. */
export const REPORT_ALERT_KINDS = ['epoch_report_disagrees'] as const;
export type AlertKind =
  | (typeof REPORT_ALERT_KINDS)[number]
  | (typeof HANDOFF_ALERT_KINDS)[number]
  | (typeof AVAILABILITY_ALERT_KINDS)[number]
  | (typeof DELEGATOR_ALERT_KINDS)[number]
  | (typeof GOVERNANCE_ALERT_KINDS)[number];

/** A condition as the orchestrator finds it now; it is opened once and resolved when it clears. */
export interface AlertCondition {
  readonly kind: AlertKind;
  readonly epoch: number;
  /** A node ID, or `network` for the epoch as a whole. */
  readonly subject: string;
  readonly summary: string;
  readonly details: Record<string, unknown>;
}

export interface AlertRecord extends AlertCondition {
  readonly id: string;
  readonly openedAt: Date;
  readonly lastSeenAt: Date;
  readonly resolvedAt: Date | null;
  readonly resolution: string | null;
}

export interface DeliveryRecord {
  readonly id: string;
  readonly alert: AlertRecord;
  readonly event: 'firing' | 'resolved';
  readonly url: string;
  readonly attempts: number;
}

interface AlertRow {
  id: string;
  kind: AlertKind;
  epoch: number;
  subject: string;
  summary: string;
  details: Record<string, unknown>;
  opened_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  resolution: string | null;
}

const toAlert = (row: AlertRow): AlertRecord => ({
  id: row.id,
  kind: row.kind,
  epoch: row.epoch,
  subject: row.subject,
  summary: row.summary,
  details: row.details,
  openedAt: row.opened_at,
  lastSeenAt: row.last_seen_at,
  resolvedAt: row.resolved_at,
  resolution: row.resolution,
});

const conditionKey = (alert: { kind: string; subject: string }) => `${alert.kind}/${alert.subject}`;

export const AlertRepository = {
  /**
   * Resolves the alerts of these kinds still open from epochs before `epoch`: conditions of an
   * epoch that ended (queuing their webhook messages like any resolution).
   */
  async resolveEarlierEpochs(
    manager: EntityManager,
    epoch: number,
    options: { now: Date; webhookUrls: readonly string[]; kinds: readonly AlertKind[] },
  ): Promise<AlertRecord[]> {
    const rows = await manager.query<{ epoch: number }[]>(
      'SELECT DISTINCT epoch FROM alert WHERE resolved_at IS NULL AND epoch < $1 AND kind = ANY($2::text[])',
      [epoch, options.kinds],
    );
    const resolved: AlertRecord[] = [];
    for (const { epoch: earlier } of rows) {
      const result = await AlertRepository.reconcile(manager, earlier, [], {
        ...options,
        resolution: `epoch ${epoch} started`,
        holdMs: 0,
      });
      resolved.push(...result.resolved);
    }
    return resolved;
  },

  async forEpoch(manager: EntityManager, epoch: number): Promise<AlertRecord[]> {
    const rows = await manager.query<AlertRow[]>('SELECT * FROM alert WHERE epoch = $1 ORDER BY id', [epoch]);
    return rows.map(toAlert);
  },

  /**
   * Makes the open alerts of an epoch match the conditions found now: a new condition opens an
   * alert; a condition absent for `holdMs` (0: at once) resolves its alert with `resolution`, so a
   * condition that flickers between two checks does not flood the webhooks. Each change queues one webhook
   * message per URL in the same transaction, so a decided alert is never lost to a crash.
   */
  async reconcile(
    manager: EntityManager,
    epoch: number,
    conditions: readonly AlertCondition[],
    options: {
      now: Date;
      webhookUrls: readonly string[];
      resolution: string;
      holdMs: number;
      /** The kinds this caller raises; open alerts of other kinds are someone else's to resolve. */
      kinds: readonly AlertKind[];
    },
  ): Promise<{ opened: AlertRecord[]; resolved: AlertRecord[] }> {
    const open = (
      await manager.query<AlertRow[]>(
        'SELECT * FROM alert WHERE epoch = $1 AND resolved_at IS NULL AND kind = ANY($2::text[])',
        [epoch, options.kinds],
      )
    ).map(toAlert);
    const wanted = new Map(conditions.map((condition) => [conditionKey(condition), condition]));
    const openKeys = new Set(open.map(conditionKey));
    // A condition still present keeps its alert open, with the summary and details as they are now.
    const stillSeen = open.flatMap((alert) => {
      const condition = wanted.get(conditionKey(alert));
      return condition === undefined ? [] : [{ id: alert.id, condition }];
    });
    if (stillSeen.length > 0) {
      await manager.query(
        `UPDATE alert AS a SET last_seen_at = $4, summary = t.summary, details = t.details::jsonb
         FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(id, summary, details) WHERE a.id = t.id`,
        [
          stillSeen.map((seen) => seen.id),
          stillSeen.map((seen) => seen.condition.summary),
          stillSeen.map((seen) => JSON.stringify(seen.condition.details)),
          options.now,
        ],
      );
    }
    const opened: AlertRecord[] = [];
    for (const condition of wanted.values()) {
      if (openKeys.has(conditionKey(condition))) {
        continue;
      }
      const rows = await manager.query<AlertRow[]>(
        `INSERT INTO alert (kind, epoch, subject, summary, details, opened_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (kind, epoch, subject) WHERE resolved_at IS NULL DO NOTHING RETURNING *`,
        [
          condition.kind,
          epoch,
          condition.subject,
          condition.summary,
          JSON.stringify(condition.details),
          options.now,
        ],
      );
      opened.push(...rows.map(toAlert));
    }
    const cleared = open.filter(
      (alert) =>
        !wanted.has(conditionKey(alert)) &&
        options.now.getTime() - alert.lastSeenAt.getTime() >= options.holdMs,
    );
    const resolved: AlertRecord[] = [];
    for (const alert of cleared) {
      const rows = await manager.query<AlertRow[]>(
        `WITH changed AS (UPDATE alert SET resolved_at = $2, resolution = $3 WHERE id = $1 AND resolved_at IS NULL RETURNING *)
         SELECT * FROM changed`,
        [alert.id, options.now, options.resolution],
      );
      resolved.push(...rows.map(toAlert));
    }
    const deliveries = [
      ...opened.map((alert) => ({ alert, event: 'firing' })),
      ...resolved.map((alert) => ({ alert, event: 'resolved' })),
    ].flatMap(({ alert, event }) => options.webhookUrls.map((url) => ({ alertId: alert.id, event, url })));
    if (deliveries.length > 0) {
      await manager.query(
        `INSERT INTO alert_delivery (alert_id, event, url, attempts, next_attempt_at)
         SELECT a, e, u, 0, $4 FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(a, e, u)
         ON CONFLICT DO NOTHING`,
        [
          deliveries.map((d) => d.alertId),
          deliveries.map((d) => d.event),
          deliveries.map((d) => d.url),
          options.now,
        ],
      );
    }
    return { opened, resolved };
  },

  /**
   * Webhook messages due now, locked for this sender (others skip them). An alert's `resolved`
   * waits while its `firing` to the same URL is still being retried, so that a receiver never
   * hears of the end before the start.
   */
  async claimDueDeliveries(manager: EntityManager, now: Date, limit: number): Promise<DeliveryRecord[]> {
    const rows = await manager.query<
      (AlertRow & { delivery_id: string; event: 'firing' | 'resolved'; url: string; attempts: number })[]
    >(
      `SELECT d.id AS delivery_id, d.event, d.url, d.attempts, a.* FROM alert_delivery d JOIN alert a ON a.id = d.alert_id
       WHERE d.delivered_at IS NULL AND NOT d.gave_up AND d.next_attempt_at <= $1
         AND NOT (d.event = 'resolved' AND EXISTS (
           SELECT 1 FROM alert_delivery f WHERE f.alert_id = d.alert_id AND f.url = d.url
             AND f.event = 'firing' AND f.delivered_at IS NULL AND NOT f.gave_up))
       ORDER BY d.next_attempt_at, d.id LIMIT $2 FOR UPDATE OF d SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => ({
      id: row.delivery_id,
      alert: toAlert(row),
      event: row.event,
      url: row.url,
      attempts: row.attempts,
    }));
  },

  async markDelivered(manager: EntityManager, id: string, at: Date): Promise<void> {
    await manager.query(
      'UPDATE alert_delivery SET delivered_at = $2, attempts = attempts + 1 WHERE id = $1',
      [id, at],
    );
  },

  async markFailed(
    manager: EntityManager,
    id: string,
    error: string,
    retry: { nextAttemptAt: Date } | { giveUp: true },
  ): Promise<void> {
    await manager.query(
      `UPDATE alert_delivery SET attempts = attempts + 1, last_error = $2,
         next_attempt_at = COALESCE($3, next_attempt_at), gave_up = $4 WHERE id = $1`,
      [id, error, 'nextAttemptAt' in retry ? retry.nextAttemptAt : null, 'giveUp' in retry],
    );
  },
};
