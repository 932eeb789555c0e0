import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SlashingRepository } from 'src/store/slashing/slashing.repository';
import { quorumWeight } from 'src/domain/votes/quorum';
import { MetricsRegistry } from 'src/common/metrics-registry';
import { scrapeGauges } from 'src/metrics/scrape-gauges';
import { PerformanceService } from 'src/performance/performance.service';
import { AlertRepository } from 'src/store/alerts/alert.repository';
import { ShardMigrationRepository } from 'src/store/shard-migration/shard-migration.repository';
import { OperatorHistoryService } from 'src/staking/operator-history.service';
import { MAX_PAGE_SIZE, OperatorsService } from 'src/staking/operators.service';
import { PendingCommissionStatus } from 'src/staking/operator.views';

const EPOCH_STATES = ['EpochChangeSync', 'EpochChangeDone', 'NextParamsSelected'] as const;
const MOVE_STATES = ['planned', 'transferring', 'recovering', 'received', 'failed'] as const;
const ALERT_KINDS = ['handoff_stalled', 'attestation_overdue', 'node_unreachable', 'quorum_at_risk'] as const;
const APY_WINDOWS = ['1', '3', '10', 'lifetime'] as const;

/**
 * The network as Prometheus sees it, read from PostgreSQL at scrape time: epoch and phase, the
 * sync quorum, each operator's shards, stake, commission, APY, score and slashing votes, and the
 * latest handoff.
 * Base units (FROST, ratios, seconds); labels are bounded: node (the operators, at most the
 * candidates), state, kind and window (fixed sets).
 */
@Injectable()
export class NetworkMetrics {
  constructor(
    metrics: MetricsRegistry,
    private readonly dataSource: DataSource,
    private readonly operators: OperatorsService,
    private readonly history: OperatorHistoryService,
    private readonly performance: PerformanceService,
    private readonly stakingState: StakingStateReader,
  ) {
    // One read per scrape feeds every gauge below.
    const gauge = scrapeGauges(metrics.registry, () => this.read());
    gauge('tusk_epoch', 'The current Walrus epoch', [], (g, n) => {
      if (n.epoch !== undefined) {
        g.set(n.epoch);
      }
    });
    gauge('tusk_epoch_state', '1 for the current phase of the epoch', ['state'], (g, n) => {
      for (const state of EPOCH_STATES) {
        g.set({ state }, n.state === state ? 1 : 0);
      }
    });
    gauge(
      'tusk_sync_weight_shards',
      'Shards whose owners attested epoch_sync_done this epoch',
      [],
      (g, n) => {
        g.set(n.syncWeight);
      },
    );
    gauge('tusk_sync_quorum_shards', 'Shards the sync quorum needs (3w ≥ 2n + 1)', [], (g, n) => {
      g.set(n.quorumWeight);
    });
    gauge('tusk_node_shards', 'Shards the node holds in the current committee', ['node', 'name'], (g, n) => {
      for (const node of n.nodes) {
        g.set({ node: node.nodeId, name: node.name }, node.shards);
      }
    });
    gauge('tusk_node_stake_frost', 'Stake of the node’s pool, FROST', ['node', 'name'], (g, n) => {
      for (const node of n.nodes) {
        g.set({ node: node.nodeId, name: node.name }, Number(node.stake));
      }
    });
    gauge('tusk_node_commission_ratio', 'Commission rate of the node, 0..1', ['node', 'name'], (g, n) => {
      for (const node of n.nodes) {
        g.set({ node: node.nodeId, name: node.name }, node.commissionRate / 10_000);
      }
    });
    gauge(
      'tusk_node_scheduled_commission_ratio',
      'The latest commission rate the operator scheduled that is still pending, 0..1 (its current rate when none)',
      ['node', 'name'],
      (g, n) => {
        for (const node of n.nodes) {
          g.set(
            { node: node.nodeId, name: node.name },
            (node.scheduledCommissionRate ?? node.commissionRate) / 10_000,
          );
        }
      },
    );
    gauge(
      'tusk_node_apy_ratio',
      'APY of the node’s pool over a window, as a fraction',
      ['node', 'name', 'window'],
      (g, n) => {
        for (const node of n.nodes) {
          for (const [window, apy] of node.apy) {
            g.set({ node: node.nodeId, name: node.name, window }, apy);
          }
        }
      },
    );
    gauge(
      'tusk_node_epoch_yield_ratio',
      'Growth of the pool’s share price over its last recorded epoch (not annualised), as a fraction',
      ['node', 'name'],
      (g, n) => {
        for (const node of n.nodes) {
          if (node.epochYield !== null) {
            g.set({ node: node.nodeId, name: node.name }, node.epochYield);
          }
        }
      },
    );
    gauge(
      'tusk_node_score',
      'Performance score of the node over the last 10 epochs, 0..100',
      ['node', 'name'],
      (g, n) => {
        for (const node of n.nodes) {
          if (node.score !== null) {
            g.set({ node: node.nodeId, name: node.name }, node.score);
          }
        }
      },
    );
    gauge(
      'tusk_node_slashing_votes_shards',
      'Shards of the committee that voted this epoch to slash the node (0 when none)',
      ['node', 'name'],
      (g, n) => {
        for (const node of n.nodes) {
          g.set({ node: node.nodeId, name: node.name }, n.slashingVotes.get(node.nodeId) ?? 0);
        }
      },
    );
    gauge('tusk_handoff_epoch', 'Epoch of the latest tracked shard handoff', [], (g, n) => {
      if (n.handoff !== undefined) {
        g.set(n.handoff.epoch);
      }
    });
    gauge('tusk_handoff_moves', 'Shard moves of the latest handoff by state', ['state'], (g, n) => {
      for (const state of MOVE_STATES) {
        g.set({ state }, n.handoff?.moves[state] ?? 0);
      }
    });
    gauge('tusk_handoff_open_alerts', 'Open alerts of the latest handoff by kind', ['kind'], (g, n) => {
      for (const kind of ALERT_KINDS) {
        g.set({ kind }, n.handoff?.openAlerts[kind] ?? 0);
      }
    });
    gauge(
      'tusk_node_handoff_seconds',
      'Seconds from EpochChangeStart to the node’s epoch_sync_done in the latest handoff it attested',
      ['node', 'name'],
      (g, n) => {
        for (const node of n.nodes) {
          if (node.handoffSeconds !== null) {
            g.set({ node: node.nodeId, name: node.name }, node.handoffSeconds);
          }
        }
      },
    );
  }

  private async read(): Promise<NetworkReading> {
    const manager = this.dataSource.manager;
    const state = await this.stakingState.latest();
    const list = await this.operators.list({ first: MAX_PAGE_SIZE });
    const nodes = list.edges.map((edge) => edge.node);
    const nodeIds = nodes.map((node) => node.nodeId);
    const apys = await this.history.apys(nodeIds);
    const scores = await this.performance.scores(nodeIds);
    const latest = await ShardMigrationRepository.latestMigration(manager);
    const epoch = state?.epoch ?? 0;
    const slashingVotes = new Map(
      (await SlashingRepository.proposals(manager, { fromEpoch: epoch, toEpoch: epoch }))
        .filter((proposal) => proposal.executedAt === null)
        .map((proposal) => [proposal.candidateNodeId, proposal.votingWeight]),
    );
    const handoffSeconds = new Map<string, number>();
    let handoff: NetworkReading['handoff'];
    if (latest !== undefined) {
      const moves = Object.fromEntries(MOVE_STATES.map((state) => [state, 0])) as Record<
        (typeof MOVE_STATES)[number],
        number
      >;
      for (const move of await ShardMigrationRepository.moves(manager, latest.epoch)) {
        moves[move.state]++;
      }
      const openAlerts: Record<string, number> = {};
      for (const alert of await AlertRepository.forEpoch(manager, latest.epoch)) {
        if (alert.resolvedAt === null) {
          openAlerts[alert.kind] = (openAlerts[alert.kind] ?? 0) + 1;
        }
      }
      handoff = { epoch: latest.epoch, moves, openAlerts };
      for (const node of await ShardMigrationRepository.nodes(manager, latest.epoch)) {
        if (node.attestedAt !== null) {
          handoffSeconds.set(node.nodeId, (node.attestedAt.getTime() - latest.startedAt.getTime()) / 1000);
        }
      }
    }
    return {
      epoch: state?.epoch,
      state: state?.epochState,
      syncWeight: state?.epochState === 'EpochChangeSync' ? (state.syncWeight ?? 0) : (state?.nShards ?? 0),
      quorumWeight: quorumWeight(state?.nShards ?? 0),
      nodes: nodes.map((node, index) => ({
        nodeId: node.nodeId,
        name: node.name,
        shards: node.shards,
        stake: node.stake,
        commissionRate: node.commissionRate,
        scheduledCommissionRate:
          node.pendingCommissionRates
            .filter((entry) => entry.status === PendingCommissionStatus.PENDING)
            .at(-1)?.rate ?? null,
        apy: (apys[index] ?? [])
          .flatMap((window) =>
            window.apy === null
              ? []
              : [[window.epochs === null ? 'lifetime' : String(window.epochs), window.apy] as const],
          )
          .filter(([window]) => (APY_WINDOWS as readonly string[]).includes(window)),
        score: scores[index]?.score ?? null,
        epochYield: lastEpochYield(apys[index] ?? []),
        handoffSeconds: handoffSeconds.get(node.nodeId) ?? null,
      })),
      slashingVotes,
      handoff,
    };
  }
}

/** Share-price growth over the pool's last recorded epoch, minus one; null without one. */
function lastEpochYield(windows: readonly { epochs: number | null; growth: number }[]): number | null {
  const last = windows.find((window) => window.epochs === 1);
  return last === undefined ? null : last.growth - 1;
}

interface NetworkReading {
  readonly epoch: number | undefined;
  readonly state: string | undefined;
  readonly syncWeight: number;
  readonly quorumWeight: number;
  readonly nodes: {
    readonly nodeId: string;
    readonly name: string;
    readonly shards: number;
    readonly stake: bigint;
    readonly commissionRate: number;
    /** The latest rate scheduled and still pending; null when none is. */
    readonly scheduledCommissionRate: number | null;
    readonly apy: readonly (readonly [string, number])[];
    readonly score: number | null;
    /** Share-price growth over the last epoch, minus one. */
    readonly epochYield: number | null;
    readonly handoffSeconds: number | null;
  }[];
  /** Voting weight of the open proposal against each node this epoch. */
  readonly slashingVotes: ReadonlyMap<string, number>;
  readonly handoff:
    | {
        readonly epoch: number;
        readonly moves: Record<(typeof MOVE_STATES)[number], number>;
        readonly openAlerts: Record<string, number>;
      }
    | undefined;
}
