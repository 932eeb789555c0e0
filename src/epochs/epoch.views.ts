// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

export enum EpochStateKind {
  EpochChangeSync = 'EpochChangeSync',
  EpochChangeDone = 'EpochChangeDone',
  NextParamsSelected = 'NextParamsSelected',
}

export interface EpochView {
  epoch: number;
  startedAt: Date | null;
  startedCheckpoint: bigint | null;
  committeeSelectedAt: Date | null;
  doneAt: Date | null;
  doneCheckpoint: bigint | null;
  storagePrice: bigint | null;
  writePrice: bigint | null;
  totalCapacity: bigint | null;
  usedCapacity: bigint | null;
}

export interface NetworkView {
  network: string;
  epoch: number;
  state: EpochStateKind;
  nShards: number;
  syncWeight: number | null;
  syncQuorum: number;
  epochDurationMs: bigint;
  doneAt: Date | null;
  votingEndAt: Date | null;
  secondsUntilVotingEnd: number | null;
  epochChangeAt: Date | null;
  secondsUntilEpochChange: number | null;
  current: EpochView;
  nextTotalCapacity: bigint | null;
}
