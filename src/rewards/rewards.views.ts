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
  /** The part of `reward` the usage subsidies paid for. */
  usageSubsidyReward: bigint;
  /** The fixed-rate subsidy paid into its commission for the epoch; null until seen paid. */
  fixedSubsidy: bigint | null;
  /** Commission plus the fixed-rate subsidy: what the operator earned for the epoch. */
  operatorIncome: bigint | null;
}

export interface EpochRewardsView {
  epoch: number;
  bucket: bigint;
  burned: bigint;
  distributed: bigint;
  leftover: bigint;
  /** The part of `bucket` the usage subsidies added, as far as observed. */
  usageSubsidy: bigint;
  /** Fixed-rate subsidies paid to the epoch's committee; null until seen paid. */
  fixedSubsidies: bigint | null;
  nodes: NodeEpochRewardView[];
}

export interface SubsidiesView {
  rateBps: number;
  baseSubsidy: bigint;
  subsidyPerShard: bigint;
  poolBalance: bigint;
  latestPaidEpoch: number;
  lastProcessedAt: Date | null;
  updatedAt: Date;
}

export interface RewardProjectionView {
  epoch: number;
  bucket: bigint;
  /** The part of `bucket` the usage subsidies added so far. */
  usageSubsidy: bigint;
  reward: bigint;
  /** The commission rate that will be in force then, scheduled changes included. */
  commissionRate: number;
  commission: bigint;
  delegatorReward: bigint;
  /** The fixed-rate subsidy at today's parameters and shards; 0 without a subsidies program. */
  fixedSubsidy: bigint;
}
