// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

export enum SlashingProposalStatus {
  OPEN = 'OPEN',
  EXECUTED = 'EXECUTED',
  LAPSED = 'LAPSED',
}

export interface NodeVoteView {
  nodeId: string;
  name: string | null;
  weight: number;
  storagePrice: bigint;
  writePrice: bigint;
  nodeCapacity: bigint;
  normalisedCapacity: bigint | null;
}

export interface QuorumResultView {
  value: bigint;
  marginalNodeId: string | null;
}

export interface ConcentrationView {
  nakamotoBlocking: number | null;
  nakamotoQuorum: number | null;
  giniStake: number;
  giniShards: number;
}

export interface SlashingVoterView {
  nodeId: string;
  name: string | null;
  weight: number;
}

/** How a committee vote stands: slashing and upgrade proposals are tallied alike, by shards. */
export interface ProposalVotesView {
  votingWeight: number;
  quorumWeight: number;
  quorumReached: boolean;
  weightNeeded: number;
  voters: SlashingVoterView[];
  nonVoters: SlashingVoterView[];
  firstSeenAt: Date;
  lastChangedAt: Date;
}

export interface SlashingProposalView extends ProposalVotesView {
  candidateNodeId: string;
  candidateName: string | null;
  epoch: number;
  status: SlashingProposalStatus;
  executedAt: Date | null;
}

export enum UpgradeProposalStatus {
  OPEN = 'OPEN',
  AUTHORIZED = 'AUTHORIZED',
  LAPSED = 'LAPSED',
}

export interface UpgradeProposalView extends ProposalVotesView {
  /** The proposed package's digest, hex. */
  digest: string;
  epoch: number;
  /** The package version the upgrade would create. */
  packageVersion: bigint;
  status: UpgradeProposalStatus;
  authorizedAt: Date | null;
}

export interface ContractUpgradeView {
  epoch: number;
  packageId: string;
  /** The interface version `Staking` and `System` migrated to. */
  version: bigint;
  checkpoint: bigint;
  at: Date;
}

export interface GovernanceView {
  epoch: number;
  votes: NodeVoteView[];
  /** The System's prices and capacity as last indexed in the epoch: the values in force. */
  chainStoragePrice: bigint | null;
  chainWritePrice: bigint | null;
  chainCapacity: bigint | null;
  /** `next_epoch_params.total_capacity_size`, frozen at `voting_end`; null before it. */
  nextEpochCapacity: bigint | null;
  /** What the current votes would select if tallied now; not in force until the chain counts them. */
  storagePriceTally: QuorumResultView | null;
  writePriceTally: QuorumResultView | null;
  capacityTally: QuorumResultView | null;
  /** True when a price tally differs from the price in force: votes await `update_prices`. */
  pricesAwaitUpdate: boolean;
  capacityWeightsFromNextCommittee: boolean;
  concentration: ConcentrationView;
  slashingProposals: SlashingProposalView[];
  upgradeProposals: UpgradeProposalView[];
  contractUpgrades: ContractUpgradeView[];
  /** The epoch `set_migration_epoch` set on `Staking`; null when unset. */
  migrationEpoch: number | null;
}
