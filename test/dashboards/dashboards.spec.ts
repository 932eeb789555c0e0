import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import Ajv from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { parse as parseYaml } from 'yaml';
import { promQueries, sqlQueries } from 'src/dashboards/dashboard-builder';
import { dashboardFiles } from 'src/dashboards/write-dashboards';
import { query, waitForRows } from 'test/support/indexer-harness';
import { startLiveTusk, type LiveTusk } from 'test/support/live-tusk';

const ROOT = join(__dirname, '..', '..');
const DASHBOARDS = join(ROOT, 'dashboards');

/** Grafana's macros and this project's variables, expanded as Grafana would before running the SQL. */
function expandMacros(sql: string, node: string): string {
  return sql
    .replace(/\$__timeFilter\(([^)]+)\)/g, "$1 BETWEEN '2000-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'")
    .replace(/\$__timeFrom\(\)/g, "'2000-01-01T00:00:00Z'")
    .replace(/\$__timeTo\(\)/g, "'2100-01-01T00:00:00Z'")
    .replace(/\$node\b/g, node);
}

/** The PromQL syntax errors of an expression (empty when it parses). */
function promErrors(expr: string): string[] {
  const errors: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) {
        errors.push(`${expr}: syntax error at ${node.from}`);
      }
    },
  });
  return errors;
}

/** Runs a Prometheus tool (Debian's `prometheus` and `prometheus-alertmanager`; `.ci/run` installs them). */
function tool(name: string, args: string[], cwd: string): string {
  try {
    return execFileSync(name, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { code?: string; stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(`${name} is not installed: apt-get install prometheus prometheus-alertmanager`);
    }
    throw new Error(`${name} ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}
const promtool = (args: string[], cwd: string) => tool('promtool', args, cwd);
const amtool = (args: string[], cwd: string) => tool('amtool', args, cwd);

const metricNames = (expr: string) => [...expr.matchAll(/\btusk_[a-z0-9_]+/g)].map((match) => match[0]);

describe('dashboards, provisioning and alert rules', () => {
  const files = dashboardFiles();
  const dashboards = Object.fromEntries(
    Object.entries(files).map(([file, text]) => [file, JSON.parse(text) as Record<string, unknown>]),
  );

  it('ships the six dashboards as generated (npm run dashboards:write after changing them)', () => {
    expect(Object.keys(files).sort()).toEqual([
      'availability.json',
      'handoffs.json',
      'health.json',
      'network.json',
      'operators.json',
      'rewards.json',
    ]);
    for (const [file, text] of Object.entries(files)) {
      expect(readFileSync(join(DASHBOARDS, 'grafana', file), 'utf8')).toBe(text);
    }
  });

  it('validates every dashboard against a JSON Schema generated from @grafana/schema', () => {
    const schema = createGenerator({
      path: join(
        ROOT,
        'node_modules',
        '@grafana',
        'schema',
        'dist',
        'types',
        'raw',
        'dashboard',
        'x',
        'types.gen.d.ts',
      ),
      type: 'Dashboard',
      skipTypeCheck: true,
      // Grafana's schema leaves query targets open to each data source's own fields (rawSql, expr…).
      additionalProperties: true,
    }).createSchema('Dashboard');
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const [file, dashboard] of Object.entries(dashboards)) {
      const valid = validate(dashboard);
      expect({ file, errors: valid ? [] : validate.errors }).toEqual({ file, errors: [] });
    }
    // It does catch a malformed dashboard.
    const broken = {
      ...dashboards['network.json'],
      title: 42,
      panels: [{ type: 'stat', gridPos: { x: 'left' } }],
    };
    expect(validate(broken)).toBe(false);
  }, 60_000);

  it('parses every PromQL expression and alert rule, and the provisioning files', () => {
    const rules = parseYaml(readFileSync(join(DASHBOARDS, 'prometheus', 'alerts.yml'), 'utf8')) as {
      groups: { name: string; rules: { alert: string; expr: string; labels: Record<string, string> }[] }[];
    };
    const alerts = rules.groups.flatMap((group) => group.rules);
    expect(alerts.map((rule) => rule.alert)).toEqual(
      expect.arrayContaining([
        'TuskIndexerStale',
        'WalrusHandoffStalled',
        'WalrusQuorumAtRisk',
        'WalrusCommissionHike',
      ]),
    );
    const expressions = [
      ...Object.values(dashboards).flatMap(promQueries),
      ...alerts.map((rule) => rule.expr),
    ];
    expect(expressions.flatMap(promErrors)).toEqual([]);
    // A broken expression is caught.
    expect(promErrors('sum(tusk_epoch')).not.toEqual([]);
    const datasources = parseYaml(
      readFileSync(join(DASHBOARDS, 'provisioning', 'datasources', 'tusk.yaml'), 'utf8'),
    ) as {
      datasources: { uid: string }[];
    };
    expect(datasources.datasources.map((source) => source.uid).sort()).toEqual([
      'tusk-postgres',
      'tusk-prometheus',
    ]);
    for (const file of [
      'provisioning/dashboards/tusk.yaml',
      'prometheus/prometheus.yml',
      'docker-compose.yml',
    ]) {
      expect(parseYaml(readFileSync(join(DASHBOARDS, file), 'utf8'))).toBeInstanceOf(Object);
    }
  });

  it('passes promtool on the alert rules and their unit tests (dashboards/prometheus/alerts.test.yml)', () => {
    const prometheus = join(DASHBOARDS, 'prometheus');
    expect(promtool(['check', 'rules', 'alerts.yml'], prometheus)).toMatch(/SUCCESS: \d+ rules found/);
    expect(promtool(['test', 'rules', 'alerts.test.yml'], prometheus)).toMatch(/SUCCESS/);
    const tests = parseYaml(readFileSync(join(prometheus, 'alerts.test.yml'), 'utf8')) as {
      tests: {
        alert_rule_test: { alertname: string; exp_alerts: { exp_labels: Record<string, string> }[] }[];
      }[];
    };
    const firing = tests.tests.flatMap((test) => test.alert_rule_test).filter((t) => t.exp_alerts.length > 0);
    // The availability rules fire in the tests, and every alert about a node keeps its node and name.
    expect(new Set(firing.map((t) => t.alertname))).toEqual(
      new Set([
        'WalrusWritesAtRisk',
        'WalrusReadsDown',
        'WalrusNodeDown',
        'WalrusNodeShardsNotReady',
        'WalrusAttestationPremature',
        'WalrusHandoffStalled',
        'WalrusCommissionChangeScheduled',
        'TuskEpochReportsDisagree',
      ]),
    );
    for (const test of firing.filter((t) => t.alertname.startsWith('WalrusNode'))) {
      expect(Object.keys(test.exp_alerts[0]?.exp_labels ?? {})).toEqual(
        expect.arrayContaining(['node', 'name']),
      );
    }
  });

  it('routes alerts by node to each operator’s receiver in the Alertmanager example (amtool)', () => {
    const directory = join(DASHBOARDS, 'alertmanager');
    expect(amtool(['check-config', 'alertmanager.yml'], directory)).toMatch(/SUCCESS/);
    const route = (...labels: string[]) =>
      amtool(['config', 'routes', 'test', '--config.file=alertmanager.yml', ...labels], directory).trim();
    expect(
      route(
        'alertname=WalrusNodeDown',
        'node=0x87a28a78f0a245dcd23c29f6899132938ad1878170899ee17982677a58e42ff7',
      ),
    ).toBe('operator-beta');
    expect(
      route(
        'alertname=WalrusNodeDown',
        'node=0x29072412cda5bc5352ff8e6523c7fd25501b99c44672fb87792681e0d73ab503',
      ),
    ).toBe('operator-alpha');
    expect(route('alertname=WalrusNodeDown', 'node=0x01')).toBe('network-oncall');
    expect(route('alertname=WalrusWritesAtRisk')).toBe('network-pager');
  });

  describe('against a Tusk that watched a stuck handoff on the local network', () => {
    let tusk: LiveTusk;
    let node: string;

    beforeAll(async () => {
      // Reporting too, so that the panels of epoch reports have reports to show.
      tusk = await startLiveTusk('stuck-transfer', {
        TUSK_REPORTER_KEY: Ed25519Keypair.generate().getSecretKey(),
        TUSK_REPORTS_PUBLISH: 'after-handoff',
      });
      await waitForRows(
        tusk.databaseUrl,
        'SELECT 1 FROM shard_migration WHERE epoch = 2 AND ended_at IS NOT NULL',
        (rows) => rows.length === 1,
        90_000,
      );
      await waitForRows(tusk.databaseUrl, 'SELECT 1 FROM epoch_report', (rows) => rows.length > 0, 60_000);
      // And the slashing of node-11 that stuck-transfer scripts for after epoch 2's voting_end.
      await waitForRows(
        tusk.databaseUrl,
        "SELECT 1 FROM slashing_proposal_version WHERE operation = 'deleted'",
        (rows) => rows.length > 0,
        60_000,
      );
      const [stuck] = await query<{ node_id: string }>(
        tusk.databaseUrl,
        "SELECT node_id FROM storage_node WHERE name = 'node-11'",
      );
      node = stuck?.node_id ?? '';
    }, 180_000);

    afterAll(async () => {
      await tusk.close();
    }, 30_000);

    it('runs every panel, annotation and variable SQL (macros expanded) and gets rows', async () => {
      for (const [file, dashboard] of Object.entries(dashboards)) {
        for (const sql of sqlQueries(dashboard)) {
          const rows = await query(tusk.databaseUrl, expandMacros(sql, node)).catch((error: unknown) => {
            throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}\n${sql}`);
          });
          expect({ file, sql, rows: rows.length > 0 }).toEqual({ file, sql, rows: true });
        }
      }
    });

    it('finds every metric a PromQL expression or alert rule names in /metrics', async () => {
      const exposition = await (await fetch(tusk.graphqlUrl.replace('/graphql', '/metrics'))).text();
      const exposed = new Set([...exposition.matchAll(/^# TYPE (\S+)/gm)].map((match) => match[1]));
      const rules = readFileSync(join(DASHBOARDS, 'prometheus', 'alerts.yml'), 'utf8');
      const named = new Set([...Object.values(dashboards).flatMap(promQueries), rules].flatMap(metricNames));
      expect(named.size).toBeGreaterThan(15);
      expect([...named].filter((name) => !exposed.has(name))).toEqual([]);
      // And each has data.
      const sampled = new Set(
        [...exposition.matchAll(/^(tusk_[a-z0-9_]+)(?:\{[^}]*\})? /gm)].map((match) => match[1]),
      );
      expect([...named].filter((name) => !sampled.has(name))).toEqual([]);
    });
  });
});
