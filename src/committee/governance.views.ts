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

export interface SlashingProposalView {
  candidateNodeId: string;
  candidateName: string | null;
  epoch: number;
  status: SlashingProposalStatus;
  votingWeight: number;
  quorumWeight: number;
  quorumReached: boolean;
  weightNeeded: number;
  voters: SlashingVoterView[];
  nonVoters: SlashingVoterView[];
  firstSeenAt: Date;
  lastChangedAt: Date;
  executedAt: Date | null;
}

export interface GovernanceView {
  epoch: number;
  votes: NodeVoteView[];
  storagePrice: QuorumResultView | null;
  writePrice: QuorumResultView | null;
  capacity: QuorumResultView | null;
  capacityWeightsFromNextCommittee: boolean;
  concentration: ConcentrationView;
  slashingProposals: SlashingProposalView[];
}
