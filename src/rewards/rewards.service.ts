import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import {
  type EpochRewardsView,
  type NodeEpochRewardView,
  type RewardProjectionView,
  type SubsidiesView,
} from 'src/rewards/rewards.views';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { distributeEpochRewards, projectNodeReward, splitCommission } from 'src/domain/staking/epoch-rewards';
import { parseNodeId } from 'src/domain/shared/node-id';
import { RewardsRepository } from 'src/store/queries/rewards.repository';
import { SubsidyRepository, type FixedSubsidyPayout } from 'src/store/subsidies/subsidy.repository';
import { fixedSubsidy } from 'src/domain/staking/subsidies';

interface SubsidiesPaid {
  readonly usage: Map<number, bigint>;
  readonly payouts: Map<number, FixedSubsidyPayout>;
}

/**
 * Rewards per epoch and node, recomputed from the chain's inputs and checked against its rates,
 * with the subsidies beside them: the usage subsidies inside each bucket, and the fixed-rate
 * subsidy each committee member is paid as commission.
 */
@Injectable()
export class RewardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  /** The split at the end of `epoch`; undefined until that epoch's system state is indexed. */
  async epochRewards(epoch: number, subsidies?: SubsidiesPaid): Promise<EpochRewardsView | undefined> {
    const manager = readManager(this.dataSource);
    const inputs = await RewardsRepository.epochInputs(manager, epoch);
    if (inputs === undefined) {
      return undefined;
    }
    const { usage, payouts } = subsidies ?? (await this.subsidiesPaid());
    const usageSubsidy = usage.get(epoch) ?? 0n;
    const payout = payouts.get(epoch);
    const denyList = (nodeId: string) => BigInt(inputs.denyListSizes[nodeId] ?? '0');
    const split = distributeEpochRewards({
      bucket: inputs.bucket,
      usedCapacity: inputs.usedCapacity,
      members: inputs.members.map((member) => ({
        nodeId: parseNodeId(member.nodeId),
        shards: member.shards,
        denyListSize: denyList(member.nodeId),
      })),
    });
    const nodes = inputs.members.map((member, index): NodeEpochRewardView => {
      const reward = split.perNode[index]?.reward ?? 0n;
      const shares = member.commissionRate === null ? null : splitCommission(reward, member.commissionRate);
      const rate = member.nextRate;
      // Comparable when the pool recorded a share price at the next epoch change on the shares it had.
      const recorded =
        rate !== null &&
        rate.walAmount !== null &&
        member.walBalance !== null &&
        rate.shareAmount === member.numShares
          ? rate.walAmount - member.walBalance
          : null;
      const fixed =
        payout === undefined ? null : fixedSubsidy(payout.baseSubsidy, payout.subsidyPerShard, member.shards);
      return {
        epoch,
        nodeId: member.nodeId,
        name: member.name,
        shards: member.shards,
        usageSubsidyReward: inputs.bucket === 0n ? 0n : (reward * usageSubsidy) / inputs.bucket,
        fixedSubsidy: fixed,
        operatorIncome: fixed === null || shares === null ? null : shares.commission + fixed,
        denyListSize: denyList(member.nodeId),
        reward,
        commissionRate: member.commissionRate,
        commission: shares?.commission ?? null,
        delegatorReward: shares?.delegators ?? null,
        recordedDelegatorReward: recorded,
        matchesChain: recorded === null || shares === null ? null : recorded === shares.delegators,
      };
    });
    const distributed = split.perNode.reduce((total, node) => total + node.reward, 0n);
    return {
      epoch,
      bucket: inputs.bucket,
      burned: split.burned,
      distributed,
      leftover: split.leftover,
      usageSubsidy,
      fixedSubsidies: nodes.some((node) => node.fixedSubsidy === null)
        ? null
        : nodes.reduce((total, node) => total + (node.fixedSubsidy ?? 0n), 0n),
      nodes,
    };
  }

  /** The usage subsidies by bucket and the fixed-rate payouts by epoch, as far as observed. */
  private async subsidiesPaid(): Promise<SubsidiesPaid> {
    const manager = readManager(this.dataSource);
    const [usage, payouts] = await Promise.all([
      SubsidyRepository.usageByEpoch(manager),
      SubsidyRepository.fixedPayouts(manager),
    ]);
    return { usage, payouts };
  }

  /** The subsidies program as it last stood; undefined on a chain without one. */
  async subsidies(): Promise<SubsidiesView | undefined> {
    const latest = await SubsidyRepository.latest(readManager(this.dataSource));
    return latest === undefined
      ? undefined
      : {
          rateBps: latest.systemSubsidyRate,
          baseSubsidy: latest.baseSubsidy,
          subsidyPerShard: latest.subsidyPerShard,
          poolBalance: latest.poolBalance,
          latestPaidEpoch: latest.latestPaidEpoch,
          lastProcessedAt: latest.lastSubsidizedMs === 0n ? null : new Date(Number(latest.lastSubsidizedMs)),
          updatedAt: latest.updatedAt,
        };
  }

  /** A node's reward in each of the last `last` paid epochs it was in the committee, newest first. */
  async nodeRewards(nodeId: string, last: number): Promise<NodeEpochRewardView[]> {
    const epochs = await RewardsRepository.paidEpochs(readManager(this.dataSource), last);
    // Read once for every epoch listed.
    const subsidies = await this.subsidiesPaid();
    const result: NodeEpochRewardView[] = [];
    for (const epoch of epochs) {
      const node = (await this.epochRewards(epoch, subsidies))?.nodes.find(
        (entry) => entry.nodeId === nodeId,
      );
      if (node !== undefined) {
        result.push(node);
      }
    }
    return result;
  }

  /**
   * A node's share of each prepaid coming bucket, at its current shards, with the commission rate
   * that will be in force in that epoch (scheduled changes that will still apply included), and
   * the fixed-rate subsidy at today's parameters.
   */
  async projections(
    nodeId: string,
    commissionRate: number,
    scheduled: readonly {
      readonly effectiveEpoch: number;
      readonly rate: number;
      readonly applies: boolean;
    }[] = [],
  ): Promise<RewardProjectionView[]> {
    const manager = readManager(this.dataSource);
    const [future, state, usage, program] = await Promise.all([
      RewardsRepository.futureBuckets(manager),
      this.stakingState.latest(),
      SubsidyRepository.usageByEpoch(manager),
      SubsidyRepository.latest(manager),
    ]);
    if (future === undefined || state === undefined) {
      return [];
    }
    const members = await StakingStateRepository.members(manager, state.epoch);
    const shards = members.find((member) => member.nodeId === nodeId)?.shards.length ?? 0;
    const rateAt = (epoch: number) =>
      scheduled
        .filter((entry) => entry.applies && entry.effectiveEpoch <= epoch)
        .reduce(
          (latest, entry) =>
            entry.effectiveEpoch >= latest.epoch ? { epoch: entry.effectiveEpoch, rate: entry.rate } : latest,
          { epoch: -1, rate: commissionRate },
        ).rate;
    const fixed =
      program === undefined || shards === 0
        ? 0n
        : fixedSubsidy(program.baseSubsidy, program.subsidyPerShard, shards);
    return future.buckets.map((bucket) => {
      const rate = rateAt(bucket.epoch);
      const share = projectNodeReward({
        bucket: bucket.rewards,
        shards,
        nShards: future.nShards,
        commissionRateBps: rate,
      });
      return {
        epoch: bucket.epoch,
        bucket: bucket.rewards,
        usageSubsidy: usage.get(bucket.epoch) ?? 0n,
        reward: share.reward,
        commissionRate: rate,
        commission: share.commission,
        delegatorReward: share.delegators,
        fixedSubsidy: fixed,
      };
    });
  }
}
