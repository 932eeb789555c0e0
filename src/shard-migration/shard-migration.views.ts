// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

export enum MigrationKind {
  FORECAST = 'FORECAST',
  SELECTED = 'SELECTED',
  LIVE = 'LIVE',
}

export interface MigrationProgressView {
  planned: number;
  transferring: number;
  recovering: number;
  received: number;
  failed: number;
  fractionReceived: number;
}

export interface SyncQuorumView {
  attestedWeight: number;
  quorumWeight: number;
  missingWeight: number;
  totalWeight: number;
  reached: boolean;
  atRisk: boolean;
  pendingNodes: string[];
  blockingNodes: string[];
}

export interface MigrationNodeView {
  nodeId: string;
  name: string | null;
  membership: string;
  weight: number;
  gained: number;
  lost: number;
  kept: number;
  receiveBytes: bigint;
  sendBytes: bigint;
  dueSeconds: number;
  attested: boolean;
  attestedAt: Date | null;
  attestedLate: boolean | null;
  reachable: boolean | null;
  nodeStatus: string | null;
  reportedEpoch: number | null;
  healthError: string | null;
  overdue: boolean;
  stalledMoves: number;
  incoming: MigrationProgressView;
}

export interface PlannedShardMoveView {
  shard: number;
  from: string | null;
  to: string;
  wave: number;
  sizeBytes: bigint;
  dueSeconds: number;
  state: string;
  stateSince: Date | null;
  escalated: boolean;
}

export interface HandoffAlertView {
  id: string;
  kind: string;
  epoch: number;
  subject: string;
  summary: string;
  openedAt: Date;
  resolvedAt: Date | null;
  resolution: string | null;
}

export interface ShardMigrationView {
  epoch: number;
  kind: MigrationKind;
  status: string;
  startedAt: Date | null;
  doneAt: Date | null;
  endedAt: Date | null;
  movedShards: number;
  shardSizeBytes: bigint;
  totalBytes: bigint;
  syncBytesPerSecond: bigint;
  concurrency: number;
  waves: number;
  etaSeconds: number;
  expectedDoneAt: Date | null;
  progress: MigrationProgressView;
  quorum: SyncQuorumView;
  nodes: MigrationNodeView[];
  moves: PlannedShardMoveView[];
  stalls: HandoffAlertView[];
  alerts: HandoffAlertView[];
}

export interface NodeHandoffView {
  epoch: number;
  membership: string;
  gained: number;
  lost: number;
  receiveBytes: bigint;
  startedAt: Date;
  attestedAt: Date | null;
  attestedLate: boolean | null;
  syncSeconds: number | null;
  secondsPerGb: number | null;
}
