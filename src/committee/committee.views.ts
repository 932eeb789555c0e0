// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

export enum Membership {
  joining = 'joining',
  leaving = 'leaving',
  continuing = 'continuing',
}

export interface CommitteeMemberView {
  nodeId: string;
  name: string | null;
  shards: number[];
  weight: number;
  stake: bigint | null;
}

export interface CommitteeView {
  epoch: number;
  members: CommitteeMemberView[];
  nShards: number;
  checkpoint: bigint | null;
  predicted: boolean;
}

export interface ShardOwnerView {
  shard: number;
  nodeId: string;
}

export interface ShardMoveView {
  shard: number;
  from: string | null;
  to: string;
}

export interface NodeShardChangeView {
  nodeId: string;
  membership: Membership;
  gained: number[];
  lost: number[];
  kept: number[];
}

export interface CommitteeChangeView {
  movedShards: number;
  moves: ShardMoveView[];
  nodes: NodeShardChangeView[];
}

export interface NextCommitteeView {
  committee: CommitteeView;
  change: CommitteeChangeView;
}

export interface CommitteeDifferenceView {
  nodeId: string;
  onChain: number[];
  recomputed: number[];
}

export interface CommitteeAuditView {
  epoch: number;
  selectedAtCheckpoint: bigint;
  activeSetSize: number;
  matches: boolean;
  differences: CommitteeDifferenceView[];
  /** The whole committee as Tusk recomputed it, each member's shards in the contract's order. */
  recomputed: { nodeId: string; shards: number[] }[];
}
