/**
 * A small builder for Grafana dashboards (the classic JSON model Grafana provisions from files).
 * Dashboards are written as code so that every query sits next to a name the tests can check:
 * SQL against the migrated schema, PromQL against the service's metric names.
 */

export const POSTGRES = { type: 'grafana-postgresql-datasource', uid: 'tusk-postgres' } as const;
export const PROMETHEUS = { type: 'prometheus', uid: 'tusk-prometheus' } as const;

export type DataSource = typeof POSTGRES | typeof PROMETHEUS;

export interface SqlTarget {
  readonly refId: string;
  readonly rawSql: string;
  readonly format: 'table' | 'time_series';
}

export interface PromTarget {
  readonly refId: string;
  readonly expr: string;
  readonly legendFormat?: string;
}

export interface PanelSpec {
  readonly title: string;
  readonly type: 'stat' | 'timeseries' | 'table' | 'bargauge' | 'gauge' | 'barchart';
  readonly description?: string;
  /** Grid width (of 24) and height. */
  readonly width: number;
  readonly height: number;
  readonly sql?: readonly string[];
  readonly sqlFormat?: 'table' | 'time_series';
  readonly prom?: readonly (string | { expr: string; legend: string })[];
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  readonly thresholds?: readonly { color: string; value: number | null }[];
}

export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  readonly description: string;
  readonly tags: readonly string[];
  readonly panels: readonly PanelSpec[];
  /** Template variables fed by SQL: name and query (`__value`, `__text` columns). */
  readonly variables?: readonly { name: string; label: string; sql: string }[];
}

/** Epoch boundaries, as annotations on every dashboard. */
export const EPOCH_ANNOTATION_SQL =
  "SELECT started_at AS time, 'epoch ' || epoch || ' started' AS text, 'epoch' AS tags " +
  'FROM epoch WHERE started_at IS NOT NULL AND $__timeFilter(started_at) ORDER BY started_at';

export function buildDashboard(spec: DashboardSpec): Record<string, unknown> {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = spec.panels.map((panel, index) => {
    if (x + panel.width > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w: panel.width, h: panel.height };
    x += panel.width;
    rowHeight = Math.max(rowHeight, panel.height);
    const datasource = panel.sql !== undefined ? POSTGRES : PROMETHEUS;
    const refId = (i: number) => String.fromCharCode(65 + i);
    const targets =
      panel.sql !== undefined
        ? panel.sql.map((rawSql, i): SqlTarget & { datasource: DataSource; editorMode: string } => ({
            refId: refId(i),
            datasource,
            editorMode: 'code',
            rawSql,
            format: panel.sqlFormat ?? 'table',
          }))
        : (panel.prom ?? []).map((query, i) => ({
            refId: refId(i),
            datasource,
            expr: typeof query === 'string' ? query : query.expr,
            ...(typeof query === 'string' ? {} : { legendFormat: query.legend }),
          }));
    return {
      id: index + 1,
      type: panel.type,
      title: panel.title,
      ...(panel.description === undefined ? {} : { description: panel.description }),
      datasource,
      gridPos,
      targets,
      fieldConfig: {
        defaults: {
          ...(panel.unit === undefined ? {} : { unit: panel.unit }),
          ...(panel.min === undefined ? {} : { min: panel.min }),
          ...(panel.max === undefined ? {} : { max: panel.max }),
          ...(panel.thresholds === undefined
            ? {}
            : { thresholds: { mode: 'absolute', steps: panel.thresholds } }),
        },
        overrides: [],
      },
      options: {},
    };
  });
  return {
    uid: spec.uid,
    title: spec.title,
    description: spec.description,
    tags: [...spec.tags],
    editable: true,
    graphTooltip: 1,
    schemaVersion: 41,
    version: 1,
    refresh: '30s',
    time: { from: 'now-7d', to: 'now' },
    timezone: 'utc',
    annotations: {
      list: [
        {
          name: 'Epoch boundaries',
          datasource: POSTGRES,
          enable: true,
          iconColor: 'rgba(255, 96, 96, 1)',
          // limit, matchAny, tags and type are the fields every annotation target declares in the
          // dashboard schema; the Postgres data source reads rawSql.
          target: {
            refId: 'Anno',
            limit: 100,
            matchAny: false,
            tags: [],
            type: 'dashboard',
            rawSql: EPOCH_ANNOTATION_SQL,
            format: 'table',
            editorMode: 'code',
          },
        },
      ],
    },
    templating: {
      list: (spec.variables ?? []).map((variable) => ({
        name: variable.name,
        label: variable.label,
        type: 'query',
        datasource: POSTGRES,
        query: variable.sql,
        definition: variable.sql,
        refresh: 1,
        includeAll: false,
        multi: false,
      })),
    },
    panels,
  };
}

/** Every string `pick` finds in any object of a built dashboard, depth first. */
function collect(
  dashboard: Record<string, unknown>,
  pick: (record: Record<string, unknown>) => string[],
): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      found.push(...pick(record));
      Object.values(record).forEach(visit);
    }
  };
  visit(dashboard);
  return found;
}

/** Every SQL text of a built dashboard: panel targets, annotations and variables. */
export function sqlQueries(dashboard: Record<string, unknown>): string[] {
  return collect(dashboard, (record) => [
    ...(typeof record.rawSql === 'string' ? [record.rawSql] : []),
    ...(record.type === 'query' && typeof record.query === 'string' ? [record.query] : []),
  ]);
}

/** Every PromQL expression of a built dashboard. */
export function promQueries(dashboard: Record<string, unknown>): string[] {
  return collect(dashboard, (record) => (typeof record.expr === 'string' ? [record.expr] : []));
}
