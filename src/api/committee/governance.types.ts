import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  SlashingProposalStatus,
  UpgradeProposalStatus,
  type ContractUpgradeView,
  type UpgradeProposalView,
  type NodeVoteView,
  type QuorumResultView,
  type ConcentrationView,
  type SlashingVoterView,
  type ProposalVotesView,
  type SlashingProposalView,
  type GovernanceView,
} from 'src/committee/governance.views';

registerEnumType(SlashingProposalStatus, {
  name: 'SlashingProposalStatus',
  valuesMap: {
    OPEN: { description: 'Votes are still counted: the proposal is of the current epoch.' },
    EXECUTED: { description: 'A quorum voted and execute_slashing burnt the whole commission.' },
    LAPSED: { description: 'Its epoch ended without an execution: the votes no longer count.' },
  },
});

@ObjectType('NodeVote', {
  description: 'A committee member’s price and capacity votes, weighted by its shards.',
})
export class NodeVoteType implements NodeVoteView {
  @Field()
  nodeId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int, { description: 'Shards in the committee whose weights count.' })
  weight!: number;

  @Field(() => BigInt)
  storagePrice!: bigint;

  @Field(() => BigInt)
  writePrice!: bigint;

  @Field(() => BigInt, { description: 'The capacity the node offers, bytes.' })
  nodeCapacity!: bigint;

  @Field(() => BigInt, {
    nullable: true,
    description: 'Its capacity vote scaled to the whole committee (capacity · n_shards / weight).',
  })
  normalisedCapacity!: bigint | null;
}

@ObjectType('QuorumResult', {
  description: 'The value the weighted vote selects, and the voter whose weight decided it.',
})
export class QuorumResultType implements QuorumResultView {
  @Field(() => BigInt)
  value!: bigint;

  @Field(() => String, { nullable: true })
  marginalNodeId!: string | null;
}

@ObjectType('Concentration', { description: 'How concentrated the committee is.' })
export class ConcentrationType implements ConcentrationView {
  @Field(() => Int, {
    nullable: true,
    description: 'Fewest operators holding enough shards to block every quorum (334 of 1000).',
  })
  nakamotoBlocking!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Fewest operators holding a quorum of shards (667 of 1000).',
  })
  nakamotoQuorum!: number | null;

  @Field(() => Float, { description: 'Gini coefficient of the members’ stake (0 = equal).' })
  giniStake!: number;

  @Field(() => Float, { description: 'Gini coefficient of the members’ shards.' })
  giniShards!: number;
}

@ObjectType('SlashingVoter')
export class SlashingVoterType implements SlashingVoterView {
  @Field()
  nodeId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int, { description: 'Its shards in the committee of the proposal’s epoch.' })
  weight!: number;
}

/** The tally both kinds of committee proposal share. */
@ObjectType({ isAbstract: true })
export abstract class ProposalVotesType implements ProposalVotesView {
  @Field(() => Int, { description: 'Shards of the members that voted.' })
  votingWeight!: number;

  @Field(() => Int, { description: 'Shards a quorum needs (3w ≥ 2n + 1: 667 of 1000).' })
  quorumWeight!: number;

  @Field()
  quorumReached!: boolean;

  @Field(() => Int, { description: 'Shards still missing for a quorum; 0 once reached.' })
  weightNeeded!: number;

  @Field(() => [SlashingVoterType], { description: 'In the order they voted.' })
  voters!: SlashingVoterType[];

  @Field(() => [SlashingVoterType], {
    description: 'Members of the epoch’s committee that have not voted, heaviest first.',
  })
  nonVoters!: SlashingVoterType[];

  @Field(() => Date)
  firstSeenAt!: Date;

  @Field(() => Date)
  lastChangedAt!: Date;
}

@ObjectType('SlashingProposal', {
  description:
    'Committee votes to burn a node’s accumulated commission (slashing::vote_for_slashing). Votes count only ' +
    'in their epoch; the contract emits no events, so this is read from the SlashingManager’s table.',
})
export class SlashingProposalType extends ProposalVotesType implements SlashingProposalView {
  @Field()
  candidateNodeId!: string;

  @Field(() => String, { nullable: true })
  candidateName!: string | null;

  @Field(() => Int)
  epoch!: number;

  @Field(() => SlashingProposalStatus)
  status!: SlashingProposalStatus;

  @Field(() => Date, { nullable: true })
  executedAt!: Date | null;
}

registerEnumType(UpgradeProposalStatus, {
  name: 'UpgradeProposalStatus',
  valuesMap: {
    OPEN: { description: 'Votes are still counted: the proposal is of the current epoch.' },
    AUTHORIZED: { description: 'A quorum voted and authorize_upgrade issued the upgrade ticket.' },
    LAPSED: { description: 'Its epoch ended without the upgrade: the votes no longer count.' },
  },
});

@ObjectType('UpgradeProposal', {
  description:
    'Committee votes for a new Walrus package (upgrade::vote_for_upgrade), by the package’s digest, counted ' +
    'from the UpgradeManager’s table: ContractUpgradeQuorumReached repeats on every vote past the quorum.',
})
export class UpgradeProposalType extends ProposalVotesType implements UpgradeProposalView {
  @Field({ description: 'The proposed package’s digest, hex.' }) digest!: string;
  @Field(() => Int) epoch!: number;
  @Field(() => BigInt, { description: 'The package version the upgrade would create.' })
  packageVersion!: bigint;
  @Field(() => UpgradeProposalStatus) status!: UpgradeProposalStatus;
  @Field(() => Date, { nullable: true }) authorizedAt!: Date | null;
}

@ObjectType('ContractUpgrade', {
  description: 'An executed upgrade of the Walrus package (ContractUpgraded).',
})
export class ContractUpgradeType implements ContractUpgradeView {
  @Field(() => Int) epoch!: number;
  @Field({ description: 'The new package version’s ID: types it introduces carry this address.' })
  packageId!: string;
  @Field(() => BigInt, { description: 'The interface version Staking and System migrated to.' })
  version!: bigint;
  @Field(() => BigInt) checkpoint!: bigint;
  @Field(() => Date) at!: Date;
}

@ObjectType('Governance')
export class GovernanceType implements GovernanceView {
  @Field(() => Int)
  epoch!: number;

  @Field(() => [NodeVoteType], {
    description: 'Votes of the current committee’s members, weighted by their shards.',
  })
  votes!: NodeVoteType[];

  @Field(() => BigInt, {
    nullable: true,
    description:
      'The storage price in force (FROST per MiB per epoch): the System’s, as last indexed in the epoch. It ' +
      'moves only when update_prices runs (a node may append it to its vote) and at the epoch change, so it ' +
      'can lag the votes: compare storagePriceTally.',
  })
  chainStoragePrice!: bigint | null;

  @Field(() => BigInt, { nullable: true, description: 'The write price in force, as chainStoragePrice.' })
  chainWritePrice!: bigint | null;

  @Field(() => BigInt, {
    nullable: true,
    description:
      'The capacity in force this epoch (System.total_capacity_size, bytes): set at the epoch change from ' +
      'the capacity voting_end froze, and never below the capacity in use.',
  })
  chainCapacity!: bigint | null;

  @Field(() => BigInt, {
    nullable: true,
    description:
      'The capacity voting_end froze for the next epoch (next_epoch_params, bytes); null before voting_end. ' +
      'Votes cast after it do not change it.',
  })
  nextEpochCapacity!: bigint | null;

  @Field(() => QuorumResultType, {
    nullable: true,
    description:
      'Would-be tally, not in force: the storage price update_prices would set now (quorum below of the ' +
      'current committee’s votes). Null when the votes reach no quorum.',
  })
  storagePriceTally!: QuorumResultType | null;

  @Field(() => QuorumResultType, {
    nullable: true,
    description: 'Would-be tally, not in force: the write price update_prices would set now.',
  })
  writePriceTally!: QuorumResultType | null;

  @Field(() => QuorumResultType, {
    nullable: true,
    description:
      'Would-be tally, not in force: the capacity the votes select if counted now (quorum above of ' +
      'normalised votes), weighted by the next committee once selected. Before voting_end it forecasts ' +
      'nextEpochCapacity; after it the chain keeps the frozen value.',
  })
  capacityTally!: QuorumResultType | null;

  @Field({
    description:
      'True when a price tally differs from the price in force: votes changed without update_prices, and ' +
      'the prices move at the next update_prices or epoch change.',
  })
  pricesAwaitUpdate!: boolean;

  @Field(() => QuorumResultType, {
    nullable: true,
    deprecationReason:
      'A would-be tally, not the price in force: use storagePriceTally or chainStoragePrice.',
  })
  storagePrice!: QuorumResultType | null;

  @Field(() => QuorumResultType, {
    nullable: true,
    deprecationReason: 'A would-be tally, not the price in force: use writePriceTally or chainWritePrice.',
  })
  writePrice!: QuorumResultType | null;

  @Field(() => QuorumResultType, {
    nullable: true,
    deprecationReason:
      'A would-be tally, not the capacity in force: use capacityTally, chainCapacity or nextEpochCapacity.',
  })
  capacity!: QuorumResultType | null;

  @Field()
  capacityWeightsFromNextCommittee!: boolean;

  @Field(() => ConcentrationType)
  concentration!: ConcentrationType;

  @Field(() => [SlashingProposalType], {
    description: 'Proposals to slash nodes in this epoch, strongest first.',
  })
  slashingProposals!: SlashingProposalType[];

  @Field(() => [UpgradeProposalType], {
    description: 'Proposals to upgrade the Walrus package in this epoch.',
  })
  upgradeProposals!: UpgradeProposalType[];

  @Field(() => [ContractUpgradeType], { description: 'Every upgrade executed, oldest first.' })
  contractUpgrades!: ContractUpgradeType[];

  @Field(() => Int, {
    nullable: true,
    description:
      'The epoch staking::set_migration_epoch set on Staking, from which an upgrade’s migration may run (the ' +
      'deployed v3 migrate no longer waits for it); null when unset. As it stands now, whatever the epoch asked.',
  })
  migrationEpoch!: number | null;
}
