// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

export interface NodeEpochRewardView {
  epoch: number;
  nodeId: string;
  name: string | null;
  shards: number;
  denyListSize: bigint;
  reward: bigint;
  commissionRate: number | null;
  commission: bigint | null;
  delegatorReward: bigint | null;
  recordedDelegatorReward: bigint | null;
  matchesChain: boolean | null;
}

export interface EpochRewardsView {
  epoch: number;
  bucket: bigint;
  burned: bigint;
  distributed: bigint;
  leftover: bigint;
  nodes: NodeEpochRewardView[];
}

export interface RewardProjectionView {
  epoch: number;
  bucket: bigint;
  reward: bigint;
  commission: bigint;
  delegatorReward: bigint;
}
