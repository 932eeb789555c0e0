import type { DashboardSpec, PanelSpec } from 'src/dashboards/dashboard-builder';

/** Can Walrus read and write: the verdict over time, the members missing shards, incidents, uptime. */
export const availability: DashboardSpec = {
  uid: 'tusk-availability',
  title: 'Tusk · Availability',
  description:
    'Whether Walrus can read (334 of 1000 shards) and write (667 of 1000) right now, from the committee and every ' +
    'member’s health polled all the time; the incidents behind each drop and each node’s uptime.',
  tags: ['tusk', 'walrus', 'operators'],
  panels: [
    {
      title: 'Reads / writes now',
      type: 'stat',
      width: 6,
      height: 5,
      description: '1: possible; 0: not.',
      thresholds: [
        { color: 'red', value: null },
        { color: 'green', value: 1 },
      ],
      prom: [
        { expr: 'tusk_availability_can_read', legend: 'reads' },
        { expr: 'tusk_availability_can_write', legend: 'writes' },
      ],
    },
    {
      title: 'Shards available vs the read (334) and write (667) bars',
      type: 'timeseries',
      width: 18,
      height: 9,
      min: 0,
      max: 1000,
      prom: [
        { expr: 'tusk_availability_shards_available', legend: 'available' },
        { expr: 'tusk_availability_write_threshold_shards', legend: 'writes need' },
        { expr: 'tusk_availability_read_threshold_shards', legend: 'reads need' },
      ],
    },
    {
      title: 'Verdict over time (recorded by Tusk)',
      type: 'timeseries',
      width: 24,
      height: 8,
      min: 0,
      max: 1000,
      description:
        'Each change of the available shards, as Tusk recorded it; survives Prometheus’s retention.',
      sqlFormat: 'time_series',
      sql: [
        `SELECT started_at AS time, shards_available AS available, write_threshold AS "writes need",
                read_threshold AS "reads need"
         FROM availability_interval WHERE $__timeFilter(started_at) ORDER BY 1`,
      ],
    },
    {
      title: 'Verdict changes',
      type: 'table',
      width: 24,
      height: 8,
      sql: [
        `SELECT started_at AS "from", ended_at AS "to", epoch, shards_available AS "shards available", can_read AS reads,
                can_write AS writes,
                (SELECT string_agg(coalesce(n.name, m->>'nodeId') || ' (' || (m->>'reason') || ')', ', ')
                 FROM jsonb_array_elements(missing) m LEFT JOIN storage_node n ON n.node_id = m->>'nodeId') AS missing
         FROM availability_interval WHERE $__timeFilter(started_at) ORDER BY started_at DESC LIMIT 200`,
      ],
    },
    {
      title: 'Incidents',
      type: 'table',
      width: 24,
      height: 9,
      description:
        'A stretch in which a member did not serve all its shards; stake and delegators as they stood when it began.',
      sql: [
        `SELECT i.started_at AS started, i.ended_at AS ended, n.name AS operator, i.epoch,
                array_to_string(i.reasons, ', ') AS reasons, i.shards_affected AS shards,
                i.stake_affected / 1e9 AS "stake (WAL)", i.delegators_affected AS delegators,
                EXTRACT(EPOCH FROM coalesce(i.ended_at, now()) - i.started_at) AS "seconds"
         FROM node_incident i JOIN storage_node n USING (node_id)
         WHERE $__timeFilter(i.started_at) ORDER BY i.started_at DESC LIMIT 500`,
      ],
    },
    {
      title: 'Uptime over 24 hours',
      type: 'bargauge',
      width: 12,
      height: 9,
      unit: 'percentunit',
      min: 0,
      max: 1,
      prom: [{ expr: 'tusk_node_uptime_ratio{window="24h"}', legend: '{{name}}' }],
    },
    {
      title: 'Members not serving all their shards',
      type: 'bargauge',
      width: 12,
      height: 9,
      description: 'Unavailable shards per member; 0 for a member that serves them all.',
      prom: [{ expr: 'tusk_node_unavailable_shards', legend: '{{name}}' }],
    },
  ],
};

/** Panels of the Operators dashboard about the selected node's availability. */
export const OPERATOR_AVAILABILITY_PANELS: readonly PanelSpec[] = [
  {
    title: 'Uptime of $node (24 h, 7 d, 30 d)',
    type: 'stat',
    width: 8,
    height: 6,
    unit: 'percentunit',
    prom: [{ expr: 'tusk_node_uptime_ratio{node="$node"}', legend: '{{window}}' }],
  },
  {
    title: 'Incidents of $node',
    type: 'table',
    width: 16,
    height: 6,
    sql: [
      `SELECT started_at AS started, ended_at AS ended, array_to_string(reasons, ', ') AS reasons,
              shards_affected AS shards, delegators_affected AS delegators
       FROM node_incident WHERE node_id = '$node' ORDER BY started_at DESC LIMIT 100`,
    ],
  },
  {
    title: 'Shards $node serves',
    type: 'timeseries',
    width: 24,
    height: 7,
    sqlFormat: 'time_series',
    sql: [
      `SELECT started_at AS time, available_shards AS available, assigned_shards AS assigned
       FROM node_health_interval WHERE node_id = '$node' AND $__timeFilter(started_at) ORDER BY 1`,
    ],
  },
];
