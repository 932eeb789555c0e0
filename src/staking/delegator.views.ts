// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

/** The contract call that takes stake out of a pool. */
export enum WithdrawCall {
  WITHDRAW_STAKE = 'withdraw_stake',
  REQUEST_WITHDRAW_STAKE = 'request_withdraw_stake',
}

/** What the owner of a position can do: which call succeeds now, and from when `withdraw_stake` will. */
export interface PositionWithdrawalView {
  callNow: WithdrawCall | null;
  withdrawStakeFromEpoch: number;
  afterRequest: boolean;
  paysRewards: boolean;
}

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
  withdrawal: PositionWithdrawalView;
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
