import type { MetricObject } from 'prom-client';
import { cell, GENERATED_NOTE } from 'src/reference/markdown';

/**
 * The metrics reference, from a running Tusk's registry (role `all`, API inline, so that both
 * sides' metrics are in it): every metric with its type, labels and help, in name order.
 */
export function renderMetricsReference(metrics: readonly MetricObject[]): string {
  const rows = [...metrics]
    .map((metric) => metric as MetricObject & { labelNames?: readonly string[] })
    .sort((a, b) => a.name.localeCompare(b.name))
    .map(
      (metric) =>
        `| \`${metric.name}\` | ${metric.type} | ${(metric.labelNames ?? []).map((label) => `\`${label}\``).join(', ')} | ${cell(metric.help)} |`,
    );
  return [
    '# Metrics reference',
    '',
    GENERATED_NOTE,
    '',
    'What `/metrics` exposes (Prometheus text format). With `tusk start`, the API runs in a process of ' +
      'its own and its process metrics (`tusk_process_…`, `tusk_nodejs_…`) appear a second time ' +
      'as `tusk_api_process_…` and `tusk_api_nodejs_…`.',
    '',
    '| metric | type | labels | help |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
