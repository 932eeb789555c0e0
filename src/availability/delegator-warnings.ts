import type { DataSource, EntityManager } from 'typeorm';
import { apportionActiveSet } from 'src/domain/committee/committee';
import { commissionAvoidance, commissionClock } from 'src/domain/staking/avoid-commission';
import { formatWholeWal } from 'src/domain/shared/wal';
import { commissionRuleOf, scheduledCommissionStatuses } from 'src/domain/staking/scheduled-commission';
import { parseNodeId } from 'src/domain/shared/node-id';
import { quorumWeight } from 'src/domain/votes/quorum';
import {
  AlertRepository,
  DELEGATOR_ALERT_KINDS,
  type AlertCondition,
  type AlertRecord,
} from 'src/store/alerts/alert.repository';
import { OperatorRepository, type OperatorRecord } from 'src/store/queries/operator.repository';
import { SlashingRepository } from 'src/store/slashing/slashing.repository';
import {
  StakingStateRepository,
  type StakingStateRow,
} from 'src/store/staking-state/staking-state.repository';

/** Operators read at once: every candidate of a deployment many times over. */
const OPERATORS_LIMIT = 10_000;

/**
 * Early warnings for delegators, raised the moment the chain shows them rather than when they
 * bite: a commission change an operator scheduled (with the rate, the epoch it takes effect and
 * until when a withdrawal request still avoids it), a committee member whose stake would no longer
 * earn a shard if the committee were selected now, and a vote to slash an operator. Alerts of the
 * current epoch, routed like every other (they name the node and operator).
 */
export class DelegatorWarnings {
  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { readonly webhookUrls: readonly string[] },
  ) {}

  async raise(now: Date): Promise<{ opened: AlertRecord[]; resolved: AlertRecord[] }> {
    return this.dataSource.transaction(async (manager) => {
      const state = await StakingStateRepository.stakingState(manager);
      if (state === undefined) {
        return { opened: [], resolved: [] };
      }
      const resolved = await AlertRepository.resolveEarlierEpochs(manager, state.epoch, {
        now,
        webhookUrls: this.options.webhookUrls,
        kinds: DELEGATOR_ALERT_KINDS,
      });
      const conditions = await this.conditions(manager, state);
      const current = await AlertRepository.reconcile(manager, state.epoch, conditions, {
        now,
        webhookUrls: this.options.webhookUrls,
        resolution: 'cleared',
        holdMs: 0,
        kinds: DELEGATOR_ALERT_KINDS,
      });
      return { opened: current.opened, resolved: [...resolved, ...current.resolved] };
    });
  }

  private async conditions(manager: EntityManager, state: StakingStateRow): Promise<AlertCondition[]> {
    const { rows } = await OperatorRepository.find(manager, {
      orderBy: [{ column: 'node_id', direction: 'ASC' }],
      limit: OPERATORS_LIMIT,
    });
    const byNode = new Map(rows.map((row) => [row.nodeId, row]));
    return [
      ...commissionChanges(rows, state),
      ...(await exitRisks(manager, rows, state)),
      ...(await slashingVotes(manager, byNode, state)),
    ];
  }
}

function commissionChanges(rows: readonly OperatorRecord[], state: StakingStateRow): AlertCondition[] {
  const rule = commissionRuleOf(state.interfaceVersion);
  const clock = commissionClock(state);
  return rows.flatMap((row) => {
    const statuses = scheduledCommissionStatuses(row.pendingCommissionRate, state.epoch, rule);
    return row.pendingCommissionRate.flatMap((entry, index) => {
      const rate = Number(entry.value);
      if (statuses[index] !== 'PENDING' || rate === row.commissionRate) {
        return [];
      }
      const avoid = commissionAvoidance(entry.epoch, clock);
      const by =
        avoid.requestBeforeMs === null
          ? avoid.tooLate
            ? 'too late to avoid it by withdrawing'
            : `request a withdrawal in epoch ${avoid.requestInEpoch} before its voting_end to avoid it`
          : `request a withdrawal before ${new Date(avoid.requestBeforeMs).toISOString()} (voting_end of epoch ${avoid.requestInEpoch}) to avoid it`;
      return [
        {
          kind: 'commission_change_scheduled',
          epoch: state.epoch,
          subject: row.nodeId,
          summary:
            `${row.name} ${rate > row.commissionRate ? 'raises' : 'lowers'} its commission from ` +
            `${percent(row.commissionRate)} to ${percent(rate)} in epoch ${entry.epoch}: ${by}`,
          details: {
            node: row.nodeId,
            name: row.name,
            operator: row.name,
            currentRate: row.commissionRate,
            newRate: rate,
            effectiveEpoch: entry.epoch,
            requestWithdrawalInEpoch: avoid.requestInEpoch,
            requestWithdrawalBefore:
              avoid.requestBeforeMs === null ? null : new Date(avoid.requestBeforeMs).toISOString(),
            tooLateToAvoid: avoid.tooLate,
            stake: row.stake.toString(),
            delegatorsAffected: row.delegators,
          },
        } satisfies AlertCondition,
      ];
    });
  });
}

/** Committee members that would get no shard from the active set as it stands. */
async function exitRisks(
  manager: EntityManager,
  rows: readonly OperatorRecord[],
  state: StakingStateRow,
): Promise<AlertCondition[]> {
  const activeSet = await StakingStateRepository.activeSet(manager, state.epoch);
  if (activeSet.length === 0) {
    return [];
  }
  const entries = activeSet.map((entry) => ({
    nodeId: parseNodeId(entry.nodeId),
    stake: entry.stakedAmount,
  }));
  const shards = new Map(
    apportionActiveSet(state.nShards, entries).map((entry) => [entry.nodeId as string, entry.shards]),
  );
  const smallestWithShards = activeSet
    .filter((entry) => (shards.get(entry.nodeId) ?? 0) > 0)
    .reduce<bigint | null>(
      (least, entry) => (least === null || entry.stakedAmount < least ? entry.stakedAmount : least),
      null,
    );
  return rows
    .filter((row) => row.inCommittee && (shards.get(row.nodeId) ?? 0) === 0)
    .map((row) => ({
      kind: 'committee_exit_risk',
      epoch: state.epoch,
      subject: row.nodeId,
      summary:
        `${row.name} would leave the committee if it were selected now: its stake earns no shard` +
        (smallestWithShards === null
          ? ''
          : ` (the smallest stake that does is ${formatWholeWal(smallestWithShards)} WAL)`) +
        `; ${row.delegators} delegator${row.delegators === 1 ? '' : 's'} would stop earning`,
      details: {
        node: row.nodeId,
        name: row.name,
        operator: row.name,
        stake: row.stake.toString(),
        smallestStakeWithShards: smallestWithShards?.toString() ?? null,
        inActiveSet: row.activeSetRank !== null,
        delegatorsAffected: row.delegators,
      },
    }));
}

async function slashingVotes(
  manager: EntityManager,
  operators: ReadonlyMap<string, OperatorRecord>,
  state: StakingStateRow,
): Promise<AlertCondition[]> {
  const proposals = await SlashingRepository.proposals(manager, {
    fromEpoch: state.epoch,
    toEpoch: state.epoch,
  });
  const quorum = quorumWeight(state.nShards);
  return proposals
    .filter((proposal) => proposal.executedAt === null && proposal.votingWeight > 0)
    .map((proposal) => {
      const operator = operators.get(proposal.candidateNodeId);
      const name = operator?.name ?? proposal.candidateNodeId;
      return {
        kind: 'slashing_vote_opened',
        epoch: state.epoch,
        subject: proposal.candidateNodeId,
        summary:
          `committee members voted to slash ${name}: ${proposal.votingWeight} of the ${quorum} shards that burn ` +
          `its commission for epoch ${proposal.epoch}`,
        details: {
          node: proposal.candidateNodeId,
          name,
          operator: name,
          votingWeight: proposal.votingWeight,
          quorumWeight: quorum,
          voters: proposal.voters,
          delegatorsAffected: operator?.delegators ?? 0,
        },
      };
    });
}

const percent = (bps: number) => `${(bps / 100).toFixed(2)}%`;
