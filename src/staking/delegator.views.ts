// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

export interface PositionView {
  objectId: string;
  nodeId: string;
  nodeName: string | null;
  principal: bigint;
  state: string;
  activationEpoch: number;
  withdrawEpoch: number | null;
  active: boolean;
  canWithdrawNow: boolean;
  canWithdrawEarly: boolean;
  rewards: bigint;
}

export interface PositionEpochRewardView {
  objectId: string;
  nodeId: string;
  nodeName: string | null;
  rewards: bigint;
}

export interface DelegatorEpochRewardView {
  epoch: number;
  rewards: bigint;
  positions: PositionEpochRewardView[];
}

export interface DelegatorView {
  address: string;
  epoch: number;
  totalPrincipal: bigint;
  totalRewards: bigint;
  positions: PositionView[];
}
