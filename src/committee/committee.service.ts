import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import {
  Membership,
  type CommitteeAuditView,
  type CommitteeView,
  type NextCommitteeView,
  type ShardOwnerView,
} from 'src/committee/committee.views';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { committeeChange, type NodeShardChange } from 'src/domain/committee/committee-change';
import { computeNextCommittee, type Committee } from 'src/domain/committee/committee';
import { parseNodeId } from 'src/domain/shared/node-id';
import { PoolRepository } from 'src/store/pools/pool.repository';

/** Committees from the indexed chain, and the next one: the chain's once selected, else predicted. */
@Injectable()
export class CommitteeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  /** The latest indexed epoch, or undefined before anything was indexed. */
  async currentEpoch(): Promise<number | undefined> {
    return (await this.stakingState.latest())?.epoch;
  }

  async committee(epoch: number): Promise<CommitteeView | undefined> {
    const manager = readManager(this.dataSource);
    const members = await StakingStateRepository.members(manager, epoch);
    if (members.length === 0) {
      return undefined;
    }
    const balances = await PoolRepository.balancesAsOf(
      manager,
      epoch,
      members.map((member) => member.nodeId),
    );
    return {
      epoch,
      nShards: members.reduce((sum, member) => sum + member.shards.length, 0),
      checkpoint: members[0]?.checkpoint ?? null,
      predicted: false,
      members: members.map((member) => ({
        nodeId: member.nodeId,
        name: member.name,
        shards: member.shards,
        weight: member.shards.length,
        stake: balances.get(member.nodeId) ?? null,
      })),
    };
  }

  async shardMap(epoch: number): Promise<ShardOwnerView[] | undefined> {
    const committee = await this.committee(epoch);
    return committee?.members
      .flatMap((member) => member.shards.map((shard) => ({ shard, nodeId: member.nodeId })))
      .sort((a, b) => a.shard - b.shard);
  }

  /**
   * The committee of the epoch after the latest: the chain's once `voting_end` selected it,
   * otherwise what `voting_end` would select from the current active set, flagged as predicted.
   */
  async nextCommittee(): Promise<NextCommitteeView | undefined> {
    const state = await this.stakingState.latest();
    if (state === undefined) {
      return undefined;
    }
    const current = (await this.committee(state.epoch)) ?? {
      epoch: state.epoch,
      nShards: state.nShards,
      checkpoint: null,
      predicted: false,
      members: [],
    };
    let next = state.nextCommitteeSelected ? await this.committee(state.epoch + 1) : undefined;
    if (next === undefined) {
      next = await this.predict(state.epoch, state.nShards, toCommittee(current));
    }
    const change = committeeChange(toCommittee(current), toCommittee(next));
    return {
      committee: next,
      change: {
        movedShards: change.moves.length,
        moves: change.moves,
        nodes: change.nodes.map(({ nodeId, membership, gained, lost, kept }) => ({
          nodeId,
          membership: MEMBERSHIP[membership],
          gained,
          lost,
          kept,
        })),
      },
    };
  }

  /**
   * Recomputes an epoch's committee from the active set `voting_end` read and the committee it
   * replaced, and compares it member by member with the chain's.
   */
  async audit(epoch: number): Promise<CommitteeAuditView | undefined> {
    const manager = readManager(this.dataSource);
    const selection = await StakingStateRepository.selection(manager, epoch);
    if (selection === undefined) {
      return undefined;
    }
    const [onChain, previous] = await Promise.all([
      StakingStateRepository.members(manager, epoch),
      epoch === 0 ? Promise.resolve([]) : StakingStateRepository.members(manager, epoch - 1),
    ]);
    const { committee } = computeNextCommittee({
      nShards: selection.nShards,
      activeSet: selection.activeSet.map((entry) => ({
        nodeId: parseNodeId(entry.nodeId),
        stake: entry.stakedAmount,
      })),
      currentCommittee: previous.map((member) => ({
        nodeId: parseNodeId(member.nodeId),
        shards: member.shards,
      })),
    });
    const recomputed = new Map<string, number[]>(
      committee.map((member) => [member.nodeId, [...member.shards]]),
    );
    const chain = new Map(onChain.map((member) => [member.nodeId, member.shards]));
    const differences = [...new Set([...chain.keys(), ...recomputed.keys()])]
      .sort()
      .map((nodeId) => ({
        nodeId,
        onChain: chain.get(nodeId) ?? [],
        recomputed: recomputed.get(nodeId) ?? [],
      }))
      .filter((entry) => entry.onChain.join(',') !== entry.recomputed.join(','));
    return {
      epoch,
      selectedAtCheckpoint: selection.checkpoint,
      activeSetSize: selection.activeSet.length,
      matches: differences.length === 0,
      differences,
      recomputed: [...recomputed].map(([nodeId, shards]) => ({ nodeId, shards })),
    };
  }

  private async predict(epoch: number, nShards: number, current: Committee): Promise<CommitteeView> {
    const activeSet = await StakingStateRepository.activeSet(readManager(this.dataSource), epoch);
    const stakes = new Map(activeSet.map((entry) => [entry.nodeId, entry.stakedAmount]));
    const { committee } =
      activeSet.length === 0
        ? { committee: [] }
        : computeNextCommittee({
            nShards,
            activeSet: activeSet.map((entry) => ({
              nodeId: parseNodeId(entry.nodeId),
              stake: entry.stakedAmount,
            })),
            currentCommittee: current,
          });
    return {
      epoch: epoch + 1,
      nShards,
      checkpoint: null,
      predicted: true,
      members: committee.map((member) => ({
        nodeId: member.nodeId,
        name: null,
        shards: [...member.shards],
        weight: member.shards.length,
        stake: stakes.get(member.nodeId) ?? null,
      })),
    };
  }
}

const MEMBERSHIP: Record<NodeShardChange['membership'], Membership> = {
  joining: Membership.joining,
  leaving: Membership.leaving,
  continuing: Membership.continuing,
};

function toCommittee(committee: CommitteeView): Committee {
  return committee.members.map((member) => ({ nodeId: parseNodeId(member.nodeId), shards: member.shards }));
}
