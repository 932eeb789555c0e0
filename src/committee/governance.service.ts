import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import {
  SlashingProposalStatus,
  UpgradeProposalStatus,
  type UpgradeProposalView,
  type GovernanceView,
  type NodeVoteView,
  type QuorumResultView,
  type SlashingProposalView,
} from 'src/committee/governance.views';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { SlashingRepository } from 'src/store/slashing/slashing.repository';
import { DomainError } from 'src/domain/shared/domain.error';
import { concentrationThresholds, gini, nakamotoCoefficient } from 'src/domain/votes/concentration';
import {
  isQuorum,
  normalisedCapacityVote,
  quorumAbove,
  quorumBelow,
  quorumWeight,
  type WeightedVote,
} from 'src/domain/votes/quorum';
import { PoolRepository } from 'src/store/pools/pool.repository';
import { EpochRepository } from 'src/store/epochs/epoch.repository';
import { UpgradeRepository } from 'src/store/upgrades/upgrade.repository';

/**
 * Parameter votes: the values the chain holds (System prices, which move only at `update_prices`
 * and the epoch change; capacity frozen at `voting_end`) beside what the current votes would
 * select if tallied now, and how concentrated the committee is.
 */
@Injectable()
export class GovernanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  async governance(epochArgument?: number): Promise<GovernanceView | undefined> {
    const manager = readManager(this.dataSource);
    const state = await this.stakingState.at(epochArgument);
    if (state === undefined) {
      return undefined;
    }
    const { epoch, nShards } = state;
    const members = await StakingStateRepository.members(manager, epoch);
    const next = state.nextCommitteeSelected ? await StakingStateRepository.members(manager, epoch + 1) : [];
    const voters = [...new Set([...members, ...next].map((member) => member.nodeId))];
    const votes = await PoolRepository.votesAsOf(manager, epoch, voters);
    const balances = await PoolRepository.balancesAsOf(
      manager,
      epoch,
      members.map((member) => member.nodeId),
    );

    const voteOf = (member: { nodeId: string; name: string | null; shards: number[] }): NodeVoteView[] => {
      const vote = votes.get(member.nodeId);
      return vote === undefined
        ? []
        : [
            {
              nodeId: member.nodeId,
              name: member.name,
              weight: member.shards.length,
              ...vote,
              normalisedCapacity: normalisedCapacityVote(vote.nodeCapacity, nShards, member.shards.length),
            },
          ];
    };
    const rows = members.flatMap(voteOf);
    // voting_end weighs capacity votes by the committee it selects; before that, by the current one.
    const capacityVoters = next.length === 0 ? rows : next.flatMap(voteOf);
    const tally = (pick: (vote: NodeVoteView) => bigint, rule: typeof quorumAbove, from: NodeVoteView[]) =>
      quorum(
        from.map((row) => ({ value: pick(row), weight: row.weight })),
        from,
        nShards,
        rule,
      );
    // Proposals of an earlier epoch than the current one have lapsed, unless executed.
    const current =
      epochArgument === undefined ? epoch : ((await this.stakingState.latest())?.epoch ?? epoch);
    const proposals = await SlashingRepository.proposals(manager, { fromEpoch: epoch, toEpoch: epoch });
    const names = await PoolRepository.names(
      manager,
      proposals.map((proposal) => proposal.candidateNodeId),
    );
    // Voters weigh their shards in the committee of the proposal's epoch, this one.
    const voter = (member: (typeof members)[number]) => ({
      nodeId: member.nodeId,
      name: member.name,
      weight: member.shards.length,
    });
    const memberOf = new Map(members.map((member) => [member.nodeId, member]));
    // Who voted, in order, and the members who have not, heaviest first.
    const votesOf = (voters: readonly string[]) => {
      const voted = new Set(voters);
      return {
        voters: voters.map((nodeId) => {
          const member = memberOf.get(nodeId);
          return member === undefined ? { nodeId, name: null, weight: 0 } : voter(member);
        }),
        nonVoters: members
          .filter((member) => !voted.has(member.nodeId))
          .sort((a, b) => b.shards.length - a.shards.length || a.nodeId.localeCompare(b.nodeId))
          .map(voter),
      };
    };
    const tallyOf = (votingWeight: number) => ({
      votingWeight,
      quorumWeight: quorumWeight(nShards),
      quorumReached: isQuorum(votingWeight, nShards),
      weightNeeded: Math.max(0, quorumWeight(nShards) - votingWeight),
    });
    const slashingProposals = proposals.map((proposal): SlashingProposalView => ({
      candidateNodeId: proposal.candidateNodeId,
      candidateName: names.get(proposal.candidateNodeId) ?? null,
      epoch: proposal.epoch,
      status:
        proposal.executedAt !== null
          ? SlashingProposalStatus.EXECUTED
          : proposal.epoch < current
            ? SlashingProposalStatus.LAPSED
            : SlashingProposalStatus.OPEN,
      ...tallyOf(proposal.votingWeight),
      ...votesOf(proposal.voters),
      firstSeenAt: proposal.firstSeenAt,
      lastChangedAt: proposal.lastChangedAt,
      executedAt: proposal.executedAt,
    }));
    const upgradeProposals = (
      await UpgradeRepository.proposals(manager, { fromEpoch: epoch, toEpoch: epoch })
    ).map((proposal): UpgradeProposalView => ({
      digest: proposal.digest,
      epoch: proposal.epoch,
      packageVersion: proposal.packageVersion,
      status:
        proposal.authorizedAt !== null
          ? UpgradeProposalStatus.AUTHORIZED
          : proposal.epoch < current
            ? UpgradeProposalStatus.LAPSED
            : UpgradeProposalStatus.OPEN,
      ...tallyOf(proposal.votingWeight),
      ...votesOf(proposal.voters),
      firstSeenAt: proposal.firstSeenAt,
      lastChangedAt: proposal.lastChangedAt,
      authorizedAt: proposal.authorizedAt,
    }));
    const contractUpgrades = await UpgradeRepository.upgrades(manager);
    const migrationEpoch = await StakingStateRepository.migrationEpoch(manager);
    const thresholds = concentrationThresholds(nShards);
    const shards = members.map((member) => member.shards.length);
    const system = await EpochRepository.system(manager, epoch);
    const storagePriceTally = tally((row) => row.storagePrice, quorumBelow, rows);
    const writePriceTally = tally((row) => row.writePrice, quorumBelow, rows);
    const chainStoragePrice = system?.storagePrice ?? null;
    const chainWritePrice = system?.writePrice ?? null;
    return {
      epoch,
      votes: rows,
      chainStoragePrice,
      chainWritePrice,
      chainCapacity: system?.totalCapacitySize ?? null,
      nextEpochCapacity: state.nextCommitteeSelected ? state.nextTotalCapacitySize : null,
      storagePriceTally,
      writePriceTally,
      capacityTally: tally((row) => row.normalisedCapacity ?? 0n, quorumAbove, capacityVoters),
      pricesAwaitUpdate:
        (storagePriceTally !== null && storagePriceTally.value !== chainStoragePrice) ||
        (writePriceTally !== null && writePriceTally.value !== chainWritePrice),
      capacityWeightsFromNextCommittee: next.length > 0,
      concentration: {
        nakamotoBlocking: nakamotoCoefficient(shards, thresholds.blocking),
        nakamotoQuorum: nakamotoCoefficient(shards, thresholds.quorum),
        giniStake: gini(members.map((member) => balances.get(member.nodeId) ?? 0n)),
        giniShards: gini(shards.map(BigInt)),
      },
      slashingProposals,
      upgradeProposals,
      contractUpgrades,
      migrationEpoch,
    };
  }
}

/** The quorum value and its marginal voter; null when the votes cannot reach a quorum. */
function quorum(
  votes: WeightedVote[],
  voters: readonly NodeVoteView[],
  nShards: number,
  rule: (votes: readonly WeightedVote[], nShards: number) => { value: bigint; marginalVote: number },
): QuorumResultView | null {
  try {
    const result = rule(votes, nShards);
    return { value: result.value, marginalNodeId: voters[result.marginalVote]?.nodeId ?? null };
  } catch (error) {
    if (error instanceof DomainError) {
      return null;
    }
    throw error;
  }
}
