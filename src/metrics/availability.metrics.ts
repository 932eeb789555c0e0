import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { scrapeGauges } from 'src/metrics/scrape-gauges';
import { AvailabilityService } from 'src/availability/availability.service';
import type { AvailabilityView, UptimeView } from 'src/availability/availability.views';
import { AlertRepository, HANDOFF_ALERT_KINDS } from 'src/store/alerts/alert.repository';

/**
 * The network's availability on `/metrics`, read from PostgreSQL at scrape time (so every process
 * serving the API reports the same): the verdict against the read and write thresholds, and per
 * node whether it answers, whether it serves all its shards, its uptime, a premature attestation
 * and its open handoff alerts. Per-node series keep the `node` and `name` labels, so that alert
 * rules can route each alert to the operator who must act.
 */
@Injectable()
export class AvailabilityMetrics {
  constructor(
    metrics: MetricsRegistry,
    private readonly availability: AvailabilityService,
    private readonly dataSource: DataSource,
  ) {
    // One read per scrape feeds every gauge below.
    const gauge = scrapeGauges(metrics.registry, () => this.read());
    const verdictGauge = (name: string, help: string, value: (verdict: AvailabilityView) => number) =>
      gauge(name, help, [], (g, r) => {
        if (r.verdict !== undefined) {
          g.set(value(r.verdict));
        }
      });
    verdictGauge(
      'tusk_availability_shards_available',
      'Shards whose owner answered in time, is in the current epoch and reports them ready',
      (v) => v.shardsAvailable,
    );
    verdictGauge('tusk_availability_shards', 'Shards of the deployment', (v) => v.nShards);
    verdictGauge(
      'tusk_availability_read_threshold_shards',
      'Shards a read needs (n − 2f: 334 of 1000)',
      (v) => v.readThreshold,
    );
    verdictGauge(
      'tusk_availability_write_threshold_shards',
      'Shards a write needs (n − f: 667 of 1000)',
      (v) => v.writeThreshold,
    );
    verdictGauge('tusk_availability_can_read', '1 when reads can succeed', (v) => (v.canRead ? 1 : 0));
    verdictGauge('tusk_availability_can_write', '1 when writes can succeed', (v) => (v.canWrite ? 1 : 0));
    const nodeGauge = (
      name: string,
      help: string,
      value: (node: AvailabilityReading['members'][number]) => number | null,
    ) =>
      gauge(name, help, ['node', 'name'], (g, r) => {
        for (const node of r.members) {
          const sample = value(node);
          if (sample !== null) {
            g.set({ node: node.nodeId, name: node.name }, sample);
          }
        }
      });
    nodeGauge(
      'tusk_node_up',
      '1 when the committee member answered its health poll within the freshness window',
      (n) => (n.reachable ? 1 : 0),
    );
    nodeGauge('tusk_node_ready', '1 when the committee member serves every shard it is assigned', (n) =>
      n.unavailableShards === 0 ? 1 : 0,
    );
    nodeGauge(
      'tusk_node_unavailable_shards',
      'Shards of the committee member that are not available',
      (n) => n.unavailableShards,
    );
    nodeGauge(
      'tusk_node_attestation_premature',
      '1 when the node’s epoch_sync_done this epoch was audited premature or unobserved',
      (n) => (n.prematureAttestation ? 1 : 0),
    );
    gauge(
      'tusk_node_uptime_ratio',
      'Share of the window, since first observed, in which the member served all its shards',
      ['node', 'name', 'window'],
      (g, r) => {
        for (const node of r.members) {
          for (const uptime of node.uptime) {
            if (uptime.uptime !== null) {
              g.set({ node: node.nodeId, name: node.name, window: uptime.window }, uptime.uptime);
            }
          }
        }
      },
    );
    gauge(
      'tusk_node_open_alerts',
      'Open handoff alerts about the node, by kind',
      ['node', 'name', 'kind'],
      (g, r) => {
        for (const node of r.members) {
          for (const kind of HANDOFF_ALERT_KINDS) {
            g.set({ node: node.nodeId, name: node.name, kind }, node.openAlerts.get(kind) ?? 0);
          }
        }
      },
    );
  }

  private async read(): Promise<AvailabilityReading> {
    const [verdict, nodes] = await Promise.all([
      this.availability.verdict(),
      this.availability.currentNodes(),
    ]);
    const members = nodes.filter((node) => node.assignedShards > 0);
    const ids = members.map((node) => node.nodeId);
    const [uptimes, audits, alerts] = await Promise.all([
      this.availability.uptimes(ids),
      verdict === undefined ? [] : this.availability.audits({ epoch: verdict.epoch, limit: 1000 }),
      verdict === undefined
        ? []
        : AlertRepository.forEpoch(this.dataSource.manager, verdict.epoch).then((all) =>
            all.filter((alert) => alert.resolvedAt === null),
          ),
    ]);
    const premature = new Set(audits.filter((audit) => audit.verdict !== 'ok').map((audit) => audit.nodeId));
    return {
      verdict,
      members: members.map((node) => {
        const openAlerts = new Map<string, number>();
        for (const alert of alerts) {
          if (alert.subject === node.nodeId) {
            openAlerts.set(alert.kind, (openAlerts.get(alert.kind) ?? 0) + 1);
          }
        }
        return {
          nodeId: node.nodeId,
          name: node.name ?? node.nodeId,
          reachable: node.reachable,
          unavailableShards: node.assignedShards - node.availableShards,
          prematureAttestation: premature.has(node.nodeId),
          uptime: uptimes.get(node.nodeId) ?? [],
          openAlerts,
        };
      }),
    };
  }
}

interface AvailabilityReading {
  readonly verdict: AvailabilityView | undefined;
  readonly members: readonly {
    readonly nodeId: string;
    readonly name: string;
    readonly reachable: boolean;
    readonly unavailableShards: number;
    readonly prematureAttestation: boolean;
    readonly uptime: readonly UptimeView[];
    readonly openAlerts: ReadonlyMap<string, number>;
  }[];
}
