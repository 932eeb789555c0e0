// Plain views this context returns. The GraphQL types at the edge implement them; nothing here
// knows GraphQL.

export enum OperatorOrderField {
  stake = 'stake',
  shards = 'shards',
  commissionRate = 'commissionRate',
  name = 'name',
  apy = 'apy',
  score = 'score',
}

export enum OrderDirection {
  asc = 'asc',
  desc = 'desc',
}

export enum PendingCommissionStatus {
  PENDING = 'PENDING',
  LAPSED = 'LAPSED',
  DUE_AT_NEXT_ADVANCE = 'DUE_AT_NEXT_ADVANCE',
  SUPERSEDED = 'SUPERSEDED',
}

export interface PendingCommissionView {
  effectiveEpoch: number;
  rate: number;
  status: PendingCommissionStatus;
  avoidByRequestInEpoch: number;
  avoidRequestBefore: Date | null;
  tooLateToAvoid: boolean;
}

export interface VotesView {
  storagePrice: bigint;
  writePrice: bigint;
  nodeCapacity: bigint;
}

export interface OperatorView {
  nodeId: string;
  name: string;
  networkAddress: string;
  state: string;
  stake: bigint;
  shards: number;
  inCommittee: boolean;
  commissionRate: number;
  pendingCommissionRates: PendingCommissionView[];
  activationEpoch: number;
  votes: VotesView;
  activeSetRank: number | null;
  delegatorCount: number;
}

export interface PageInfoView {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface OperatorEdgeView {
  cursor: string;
  node: OperatorView;
}

export interface OperatorConnectionView {
  edges: OperatorEdgeView[];
  pageInfo: PageInfoView;
  totalCount: number;
}

export interface OperatorOrdering {
  field: OperatorOrderField;
  direction: OrderDirection;
}

export interface OperatorFilter {
  name_contains?: string | null;
  nodeId_in?: string[] | null;
  stake_gt?: bigint | null;
  stake_gte?: bigint | null;
  stake_lt?: bigint | null;
  stake_lte?: bigint | null;
  shards_gt?: number | null;
  shards_lt?: number | null;
  commissionRate_lt?: number | null;
  commissionRate_lte?: number | null;
  commissionRate_gt?: number | null;
  inCommittee?: boolean | null;
  AND?: OperatorFilter[] | null;
  OR?: OperatorFilter[] | null;
}

export interface StakeOutlookView {
  rank: number | null;
  activeSetSize: number;
  shards: number;
  shardCap: number;
  saturated: boolean;
  smallestStakeWithShards: bigint | null;
  guaranteedShards: number | null;
}

export interface OperatorEpochView {
  epoch: number;
  stake: bigint;
  shards: number;
  commissionRate: number;
}

export interface ExchangeRateView {
  epoch: number;
  walAmount: bigint;
  shareAmount: bigint;
}

export interface StakeSimulationView {
  nodeId: string;
  amount: bigint;
  activationEpoch: number;
  before: StakeOutlookView;
  after: StakeOutlookView;
  yieldPerWalRatio: number | null;
}

export interface ScoreComponentView {
  name: string;
  weight: number;
  value: number;
  inputs: string;
}

export interface PerformanceScoreView {
  score: number | null;
  fromEpoch: number;
  toEpoch: number;
  components: ScoreComponentView[];
}

export interface ApyWindowView {
  epochs: number | null;
  fromEpoch: number;
  toEpoch: number;
  growth: number;
  elapsedMs: number;
  nominalEpochs: number;
  apy: number | null;
  apyWithoutUsageSubsidies: number | null;
  growthWithoutUsageSubsidies: number;
  epochsPerYear: number;
}

export enum AuthorizedKind {
  ADDRESS = 'ADDRESS',
  OBJECT = 'OBJECT',
}

/** `auth::Authorized`: an address, or whoever holds an object (such as the node's cap). */
export interface AuthorizedView {
  kind: AuthorizedKind;
  id: string;
}

export interface NodeMetadataView {
  imageUrl: string;
  projectUrl: string;
  description: string;
  extraFields: { key: string; value: string }[];
  updatedAt: Date;
}

export interface NodeIdentityView {
  /** The BLS public key, compressed (48 bytes), base64: as the node software prints it. */
  publicKey: string;
  /** The key `set_next_public_key` scheduled, in force from the pool's next advance. */
  nextEpochPublicKey: string | null;
  networkPublicKey: string;
  commissionReceiver: AuthorizedView;
  governanceAuthorized: AuthorizedView;
  metadata: NodeMetadataView | null;
}

export interface NodeIdentityChangeView {
  version: bigint;
  checkpoint: bigint;
  changedAt: Date;
  name: string;
  networkAddress: string;
  publicKey: string;
  nextEpochPublicKey: string | null;
  networkPublicKey: string;
  commissionReceiver: AuthorizedView;
  governanceAuthorized: AuthorizedView;
  /** What differs from the change before (every field for the first one seen). */
  changed: string[];
}
