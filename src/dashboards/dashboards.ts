import { buildDashboard, type DashboardSpec } from 'src/dashboards/dashboard-builder';
import { availability, OPERATOR_AVAILABILITY_PANELS } from 'src/dashboards/availability.dashboard';

/** Operators to pick from, by name. */
const NODE_VARIABLE = {
  name: 'node',
  label: 'Operator',
  sql: 'SELECT node_id AS __value, name AS __text FROM storage_node ORDER BY name',
};

/** The latest tracked handoff's epoch. */
const LATEST_HANDOFF = '(SELECT max(epoch) FROM shard_migration)';

const network: DashboardSpec = {
  uid: 'tusk-network',
  title: 'Tusk · Network & epoch',
  description:
    'Where the Walrus epoch stands: phase, countdowns, the sync quorum and committee concentration.',
  tags: ['tusk', 'walrus'],
  panels: [
    { title: 'Epoch', type: 'stat', width: 4, height: 4, prom: ['tusk_epoch'] },
    {
      title: 'Phase',
      type: 'stat',
      width: 6,
      height: 4,
      description: 'EpochChangeSync → EpochChangeDone → NextParamsSelected',
      prom: [{ expr: 'tusk_epoch_state == 1', legend: '{{state}}' }],
    },
    {
      title: 'Sync quorum (shards attested of 667)',
      type: 'bargauge',
      width: 8,
      height: 4,
      min: 0,
      max: 1000,
      thresholds: [
        { color: 'red', value: null },
        { color: 'green', value: 667 },
      ],
      prom: [{ expr: 'tusk_sync_weight_shards', legend: 'attested' }],
    },
    {
      title: 'Countdowns',
      type: 'stat',
      width: 6,
      height: 4,
      unit: 's',
      description:
        'voting_end is due half an epoch after the handoff was done; the epoch change a whole epoch after.',
      sql: [
        `SELECT GREATEST(0, (s.state_timestamp_ms + s.epoch_duration_ms / 2) / 1000.0 - EXTRACT(EPOCH FROM now())) AS "until voting_end",
                GREATEST(0, (s.state_timestamp_ms + s.epoch_duration_ms) / 1000.0 - EXTRACT(EPOCH FROM now())) AS "until epoch change"
         FROM staking_state s WHERE s.state_timestamp_ms IS NOT NULL ORDER BY s.epoch DESC LIMIT 1`,
      ],
    },
    {
      title: 'Shards per operator (current committee)',
      type: 'barchart',
      width: 12,
      height: 8,
      sql: [
        `SELECT n.name AS operator, c.shard_count AS shards FROM committee_member c JOIN storage_node n USING (node_id)
         WHERE c.epoch = (SELECT max(epoch) FROM staking_state) ORDER BY c.shard_count DESC`,
      ],
    },
    {
      title: 'Concentration: operators needed to hold 334 and 667 shards',
      type: 'stat',
      width: 12,
      height: 8,
      description: 'Nakamoto coefficients: the fewest operators that can block (334) or make (667) a quorum.',
      sql: [
        `WITH ranked AS (
           SELECT sum(shard_count) OVER (ORDER BY shard_count DESC, node_id) AS running,
                  row_number() OVER (ORDER BY shard_count DESC, node_id) AS operators
           FROM committee_member WHERE epoch = (SELECT max(epoch) FROM staking_state))
         SELECT (SELECT min(operators) FROM ranked WHERE running >= 334) AS "to block (334)",
                (SELECT min(operators) FROM ranked WHERE running >= 667) AS "to make a quorum (667)"`,
      ],
    },
    {
      title: 'Epoch lengths',
      type: 'timeseries',
      width: 24,
      height: 7,
      unit: 's',
      sqlFormat: 'time_series',
      sql: [
        `SELECT e.started_at AS time, EXTRACT(EPOCH FROM n.started_at - e.started_at) AS "epoch length"
         FROM epoch e JOIN epoch n ON n.epoch = e.epoch + 1
         WHERE e.started_at IS NOT NULL AND n.started_at IS NOT NULL AND $__timeFilter(e.started_at) ORDER BY 1`,
      ],
    },
    {
      title: 'Epoch reports on chain: verdicts per epoch (one verdict = every reporter agrees)',
      type: 'table',
      width: 12,
      height: 8,
      sql: [
        `SELECT epoch AS "epoch", count(*) AS "reports",
                count(DISTINCT (committee_digest, audit_matches, moved_shards, attested_weight, quorum_ms, rewards_digest))
                  AS "distinct verdicts",
                bool_and(audit_matches) AS "committee audits pass"
         FROM epoch_report GROUP BY epoch ORDER BY epoch DESC LIMIT 20`,
      ],
    },
    {
      title: 'Other reporters against this instance (last five reported epochs)',
      type: 'timeseries',
      width: 12,
      height: 8,
      prom: [{ expr: 'sum by (agreement) (tusk_epoch_reports)', legend: '{{agreement}}' }],
    },
  ],
};

const operators: DashboardSpec = {
  uid: 'tusk-operators',
  title: 'Tusk · Operators',
  description:
    'The delegator’s view: stake, APY, commission history, performance score and slashing proposals per operator.',
  tags: ['tusk', 'walrus', 'delegators'],
  variables: [NODE_VARIABLE],
  panels: [
    {
      title: 'Operators',
      type: 'table',
      width: 24,
      height: 9,
      sql: [
        `SELECT n.name AS operator, p.wal_balance / 1e9 AS "stake (WAL)", p.commission_rate / 100.0 AS "commission %",
                COALESCE(c.shard_count, 0) AS shards
         FROM storage_node n
         JOIN LATERAL (SELECT * FROM pool_state p WHERE p.node_id = n.node_id ORDER BY epoch DESC LIMIT 1) p ON true
         LEFT JOIN committee_member c ON c.node_id = n.node_id AND c.epoch = (SELECT max(epoch) FROM staking_state)
         ORDER BY p.wal_balance DESC`,
      ],
    },
    {
      title: 'APY over 10 epochs',
      type: 'bargauge',
      width: 8,
      height: 8,
      unit: 'percentunit',
      description:
        'Annualised with the real epoch length; absent where it overflows (seconds-long local epochs).',
      prom: [{ expr: 'tusk_node_apy_ratio{window="10"}', legend: '{{name}}' }],
    },
    {
      title: 'Yield of the last epoch',
      type: 'bargauge',
      width: 8,
      height: 8,
      unit: 'percentunit',
      prom: [{ expr: 'tusk_node_epoch_yield_ratio', legend: '{{name}}' }],
    },
    {
      title: 'Performance score',
      type: 'bargauge',
      width: 8,
      height: 8,
      min: 0,
      max: 100,
      prom: [{ expr: 'tusk_node_score', legend: '{{name}}' }],
    },
    {
      title: 'Slashing votes this epoch (shards of 667)',
      type: 'bargauge',
      width: 8,
      height: 8,
      min: 0,
      max: 1000,
      description:
        'Committee shards that voted to burn the operator’s commission; votes lapse with the epoch.',
      prom: [{ expr: 'tusk_node_slashing_votes_shards', legend: '{{name}}' }],
    },
    {
      title: 'Slashing proposals',
      type: 'table',
      width: 16,
      height: 8,
      description:
        'A removal in the proposal’s own epoch is its execution (the whole commission burnt); otherwise it lapsed.',
      sql: [
        `SELECT v.proposal_epoch AS epoch, n.name AS candidate, max(v.voting_weight) AS "votes (shards)",
                max(cardinality(v.voters)) AS voters,
                EXISTS (SELECT 1 FROM slashing_proposal_version d
                        WHERE d.field_id = v.field_id AND d.operation = 'deleted'
                          AND d.staking_epoch = v.proposal_epoch AND d.version > max(v.version)) AS executed
         FROM slashing_proposal_version v JOIN storage_node n ON n.node_id = v.candidate_node_id
         WHERE v.operation <> 'deleted'
         GROUP BY v.field_id, v.proposal_epoch, n.name
         ORDER BY 1 DESC, 3 DESC`,
      ],
    },
    {
      title: 'Stake of $node',
      type: 'timeseries',
      width: 12,
      height: 8,
      sqlFormat: 'time_series',
      sql: [
        `SELECT e.started_at AS time, p.wal_balance / 1e9 AS "stake (WAL)"
         FROM pool_state p JOIN epoch e USING (epoch)
         WHERE p.node_id = '$node' AND e.started_at IS NOT NULL AND $__timeFilter(e.started_at) ORDER BY 1`,
      ],
    },
    {
      title: 'Commission of $node, per epoch',
      type: 'timeseries',
      width: 12,
      height: 8,
      unit: 'percent',
      sqlFormat: 'time_series',
      sql: [
        `SELECT e.started_at AS time, p.commission_rate / 100.0 AS "commission %"
         FROM pool_state p JOIN epoch e USING (epoch)
         WHERE p.node_id = '$node' AND e.started_at IS NOT NULL AND $__timeFilter(e.started_at) ORDER BY 1`,
      ],
    },
    ...OPERATOR_AVAILABILITY_PANELS,
  ],
};

const handoffs: DashboardSpec = {
  uid: 'tusk-handoffs',
  title: 'Tusk · Node handoffs',
  description: 'The operator’s view of shard handoffs: the plan, progress per node, stalls and alerts.',
  tags: ['tusk', 'walrus', 'operators'],
  panels: [
    {
      title: 'Moves of the latest handoff by state',
      type: 'bargauge',
      width: 12,
      height: 6,
      prom: [{ expr: 'tusk_handoff_moves', legend: '{{state}}' }],
    },
    {
      title: 'Open alerts by kind',
      type: 'stat',
      width: 12,
      height: 6,
      thresholds: [
        { color: 'green', value: null },
        { color: 'red', value: 1 },
      ],
      prom: [{ expr: 'tusk_handoff_open_alerts', legend: '{{kind}}' }],
    },
    {
      title: 'Plan and progress per node',
      type: 'table',
      width: 24,
      height: 9,
      sql: [
        `SELECT n.name AS node, m.membership, m.weight, m.gained, m.lost, m.receive_bytes / 1e9 AS "receive GB",
                count(s.shard) FILTER (WHERE s.state = 'received') AS received,
                count(s.shard) FILTER (WHERE s.state IN ('planned', 'transferring', 'recovering')) AS pending,
                m.attested_at, m.attested_late
         FROM migration_node m JOIN storage_node n USING (node_id)
         LEFT JOIN shard_move s ON s.epoch = m.epoch AND s.to_node = m.node_id
         WHERE m.epoch = ${LATEST_HANDOFF}
         GROUP BY n.name, m.membership, m.weight, m.gained, m.lost, m.receive_bytes, m.attested_at, m.attested_late
         ORDER BY m.gained DESC, n.name`,
      ],
    },
    {
      title: 'Alerts',
      type: 'table',
      width: 24,
      height: 7,
      sql: [
        `SELECT a.opened_at, a.resolved_at, a.kind, a.epoch, a.summary, a.resolution
         FROM alert a WHERE $__timeFilter(a.opened_at) OR a.resolved_at IS NULL ORDER BY a.opened_at DESC`,
      ],
    },
    {
      title: 'Time to epoch_sync_done per handoff',
      type: 'timeseries',
      width: 24,
      height: 8,
      unit: 's',
      sqlFormat: 'time_series',
      sql: [
        `SELECT s.started_at AS time, n.name AS metric, EXTRACT(EPOCH FROM m.attested_at - s.started_at) AS value
         FROM migration_node m JOIN shard_migration s USING (epoch) JOIN storage_node n USING (node_id)
         WHERE m.attested_at IS NOT NULL AND $__timeFilter(s.started_at) ORDER BY 1`,
      ],
    },
  ],
};

const rewards: DashboardSpec = {
  uid: 'tusk-rewards',
  title: 'Tusk · Rewards',
  description:
    'What pools earn per epoch (from the exchange rates the chain recorded) and what is prepaid for coming epochs.',
  tags: ['tusk', 'walrus', 'rewards'],
  variables: [NODE_VARIABLE],
  panels: [
    {
      title: 'Delegator yield per epoch (exchange-rate growth), $node',
      type: 'timeseries',
      width: 24,
      height: 8,
      unit: 'percentunit',
      sqlFormat: 'time_series',
      sql: [
        `SELECT e.started_at AS time,
                COALESCE(r.wal_amount / NULLIF(r.share_amount, 0), 1) / COALESCE(p.wal_amount / NULLIF(p.share_amount, 0), 1) - 1
                  AS "growth"
         FROM exchange_rate r
         JOIN exchange_rate p ON p.node_id = r.node_id AND p.epoch = r.epoch - 1
         JOIN epoch e ON e.epoch = r.epoch
         WHERE r.node_id = '$node' AND e.started_at IS NOT NULL AND $__timeFilter(e.started_at) ORDER BY 1`,
      ],
    },
    {
      title: 'Prepaid storage rewards for coming epochs (WAL)',
      type: 'barchart',
      width: 12,
      height: 8,
      sql: [
        `SELECT 'epoch ' || (f->>'epoch') AS epoch, (f->>'rewardsToDistribute')::numeric / 1e9 AS "rewards (WAL)"
         FROM system_state s, jsonb_array_elements(s.future_accounting) AS f
         WHERE s.epoch = (SELECT max(epoch) FROM system_state) ORDER BY (f->>'epoch')::int`,
      ],
    },
    {
      title: 'Commission earned but not yet collected (WAL)',
      type: 'table',
      width: 12,
      height: 8,
      sql: [
        `SELECT n.name AS operator, p.commission / 1e9 AS "commission (WAL)", p.rewards_pool / 1e9 AS "rewards pool (WAL)"
         FROM storage_node n
         JOIN LATERAL (SELECT * FROM pool_state p WHERE p.node_id = n.node_id ORDER BY epoch DESC LIMIT 1) p ON true
         ORDER BY p.commission DESC`,
      ],
    },
  ],
};

const health: DashboardSpec = {
  uid: 'tusk-health',
  title: 'Tusk · Health',
  description:
    'Tusk itself: indexer lag, throughput, halted pipelines, errors, the orchestrator and its webhooks.',
  tags: ['tusk'],
  panels: [
    {
      title: 'Indexer lag per pipeline',
      type: 'timeseries',
      width: 12,
      height: 8,
      unit: 's',
      prom: [{ expr: 'tusk_indexer_lag_seconds', legend: '{{pipeline}}' }],
    },
    {
      title: 'Checkpoints indexed per second',
      type: 'timeseries',
      width: 12,
      height: 8,
      prom: [{ expr: 'rate(tusk_indexer_checkpoints_total[5m])', legend: '{{pipeline}}' }],
    },
    {
      title: 'Halted pipelines',
      type: 'stat',
      width: 6,
      height: 5,
      thresholds: [
        { color: 'green', value: null },
        { color: 'red', value: 1 },
      ],
      prom: ['sum(tusk_indexer_pipeline_halted)'],
    },
    {
      title: 'Indexer failures and retries',
      type: 'timeseries',
      width: 12,
      height: 5,
      prom: [
        { expr: 'increase(tusk_indexer_failures_total[15m])', legend: 'failures {{kind}}' },
        { expr: 'increase(tusk_indexer_retries_total[15m])', legend: 'retries {{pipeline}}' },
      ],
    },
    {
      title: 'Leaders',
      type: 'stat',
      width: 6,
      height: 5,
      prom: [
        { expr: 'max(tusk_indexer_leader)', legend: 'indexer' },
        { expr: 'max(tusk_handoff_orchestrator_leader)', legend: 'orchestrator' },
      ],
    },
    {
      title: 'Health polls, move transitions and webhooks',
      type: 'timeseries',
      width: 24,
      height: 7,
      prom: [
        { expr: 'rate(tusk_node_health_polls_total[5m])', legend: 'health polls/s' },
        { expr: 'rate(tusk_shard_move_transitions_total[5m])', legend: 'move transitions/s' },
        { expr: 'rate(tusk_alert_webhooks_total[5m])', legend: 'webhooks {{outcome}}/s' },
      ],
    },
  ],
};

/** The dashboards, by file name under `dashboards/`. */
export const DASHBOARDS: Readonly<Record<string, DashboardSpec>> = {
  'network.json': network,
  'operators.json': operators,
  'handoffs.json': handoffs,
  'rewards.json': rewards,
  'health.json': health,
  'availability.json': availability,
};

export function buildDashboards(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(DASHBOARDS).map(([file, spec]) => [file, buildDashboard(spec)]));
}
