import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import {
  type EpochRewardsView,
  type NodeEpochRewardView,
  type RewardProjectionView,
} from 'src/rewards/rewards.views';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { distributeEpochRewards, projectNodeReward, splitCommission } from 'src/domain/staking/epoch-rewards';
import { parseNodeId } from 'src/domain/shared/node-id';
import { RewardsRepository } from 'src/store/queries/rewards.repository';

/** Rewards per epoch and node, recomputed from the chain's inputs and checked against its rates. */
@Injectable()
export class RewardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  /** The split at the end of `epoch`; undefined until that epoch's system state is indexed. */
  async epochRewards(epoch: number): Promise<EpochRewardsView | undefined> {
    const inputs = await RewardsRepository.epochInputs(readManager(this.dataSource), epoch);
    if (inputs === undefined) {
      return undefined;
    }
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
      return {
        epoch,
        nodeId: member.nodeId,
        name: member.name,
        shards: member.shards,
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
      nodes,
    };
  }

  /** A node's reward in each of the last `last` paid epochs it was in the committee, newest first. */
  async nodeRewards(nodeId: string, last: number): Promise<NodeEpochRewardView[]> {
    const epochs = await RewardsRepository.paidEpochs(readManager(this.dataSource), last);
    const result: NodeEpochRewardView[] = [];
    for (const epoch of epochs) {
      const node = (await this.epochRewards(epoch))?.nodes.find((entry) => entry.nodeId === nodeId);
      if (node !== undefined) {
        result.push(node);
      }
    }
    return result;
  }

  /** A node's share of each prepaid coming bucket, at its current shards and commission. */
  async projections(nodeId: string, commissionRate: number): Promise<RewardProjectionView[]> {
    const manager = readManager(this.dataSource);
    const future = await RewardsRepository.futureBuckets(manager);
    const state = await this.stakingState.latest();
    if (future === undefined || state === undefined) {
      return [];
    }
    const members = await StakingStateRepository.members(manager, state.epoch);
    const shards = members.find((member) => member.nodeId === nodeId)?.shards.length ?? 0;
    return future.buckets
      .map((bucket) => ({
        epoch: bucket.epoch,
        bucket: bucket.rewards,
        ...projectNodeReward({
          bucket: bucket.rewards,
          shards,
          nShards: future.nShards,
          commissionRateBps: commissionRate,
        }),
      }))
      .map(({ epoch, bucket, reward, commission, delegators }) => ({
        epoch,
        bucket,
        reward,
        commission,
        delegatorReward: delegators,
      }));
  }
}
