import type { EventRecord, ObjectWrite } from 'src/devnet/ledger/sui-ledger';
import type { ActiveSet } from 'src/domain/committee/active-set';
import type { Committee } from 'src/domain/committee/committee';
import type { EpochState } from 'src/domain/epochs/epoch-clock';
import type { NodeId } from 'src/domain/shared/node-id';
import type { StakedWal } from 'src/domain/staking/staked-wal';
import type { CommissionRule, StakingPool } from 'src/domain/staking/staking-pool';

/** `max_epochs_ahead` of mainnet and testnet: the storage fund keeps one bucket per future epoch. */
export const MAX_EPOCHS_AHEAD = 53;
/**
 * The interface version of the Staking and System objects, which keys their inner field: 3 as
 * deployed on mainnet and testnet, 4 on the contracts' main branch, whose `advance_epoch` applies
 * the latest due commission rate.
 */
export function interfaceVersionOf(rule: CommissionRule): bigint {
  return rule === 'latest-due' ? 4n : 3n;
}

/** The subsidy parameters of a simulated `walrus_subsidies` deployment. */
export interface SubsidiesOptions {
  /** Basis points of new storage payments added to the reward buckets. */
  readonly rateBps: number;
  readonly baseSubsidy: bigint;
  readonly subsidyPerShard: bigint;
  /** What the pool starts with, FROST. */
  readonly funding: bigint;
}

export interface WalrusNetworkOptions {
  /** Deploys the `walrus_subsidies` package beside Walrus, with these parameters. */
  readonly subsidies?: SubsidiesOptions;
  /** Same seed, same object IDs, keys and digests. */
  readonly seed: string;
  readonly nShards: number;
  readonly epochDurationMs: number;
  /** Epoch 0 lasts this long from genesis (`epoch_zero_duration`). */
  readonly epochZeroDurationMs: number;
  readonly genesisTimeMs: number;
  readonly activeSetSize?: number;
  readonly commissionRule?: CommissionRule;
  /** Storage fees that land in each future epoch's bucket, FROST. */
  readonly rewardsPerEpoch?: bigint;
  /** Used storage capacity, bytes, for reward weighting. */
  readonly usedCapacity?: bigint;
}

export interface CandidateRegistration {
  readonly name: string;
  /** The operator's address: owns the StorageNodeCap. */
  readonly operator: string;
  readonly commissionRate: number;
  readonly storagePrice: bigint;
  readonly writePrice: bigint;
  readonly nodeCapacity: bigint;
  /** Host and port; `<name>.walrus.local:9185` unless given. */
  readonly networkAddress?: string;
  /** The node's TLS key (33 bytes); derived from the name unless given. */
  readonly networkPublicKey?: Uint8Array;
  /**
   * The node's BLS key, compressed, with its proof of possession (a signature of the
   * `ProofOfPossessionMessage` for this epoch and the operator), checked as `staking_pool::new`
   * checks it. Unless given, the network makes the node a key of its own.
   */
  readonly key?: { readonly publicKey: Uint8Array; readonly proofOfPossession: Uint8Array };
}

/** `auth::Authorized`: an address, or the holder of an object. */
export type Authorized =
  { readonly kind: 'address'; readonly address: string } | { readonly kind: 'object'; readonly id: string };

/** `node_metadata::NodeMetadata`. */
export interface NodeMetadataRecord {
  readonly imageUrl: string;
  readonly projectUrl: string;
  readonly description: string;
  readonly extraFields: readonly { readonly key: string; readonly value: string }[];
}

export interface NodeRecord {
  readonly nodeId: NodeId;
  readonly capId: string;
  /** The registering address, which holds the cap. */
  readonly operator: string;
  name: string;
  networkAddress: string;
  publicKey: Uint8Array;
  /** Set by `set_next_public_key`; becomes `publicKey` when the pool next advances. */
  nextPublicKey: Uint8Array | null;
  networkPublicKey: Uint8Array;
  metadata: NodeMetadataRecord;
  /** Both the registering address at first, as `staking_pool::new` sets them. */
  commissionReceiver: Authorized;
  governanceAuthorized: Authorized;
  readonly pool: StakingPool;
  readonly metadataId: string;
  readonly exchangeRatesId: string;
  readonly extraFieldsId: string;
  votes: { storagePrice: bigint; writePrice: bigint; nodeCapacity: bigint };
  lastEpochSyncDone: number;
  /** The cap's deny-list root, sequence and size, as the last certified update set them. */
  denyListRoot: bigint;
  denyListSequence: bigint;
  denyListSize: bigint;
}

export interface StakePosition {
  readonly id: string;
  readonly owner: string;
  stakedWal: StakedWal;
}

/** `slashing::SlashingProposal`: the votes against one node in one epoch. */
export interface SlashingProposalRecord {
  readonly epoch: number;
  readonly votingWeight: number;
  readonly voters: readonly NodeId[];
}

/** One future epoch's bucket of the storage fund. */
export interface FundBucket {
  epoch: number;
  usedCapacity: bigint;
  rewards: bigint;
}

/** Object IDs a client needs to find the Walrus contracts on the devnet. */
export interface WalrusDeployment {
  readonly packageId: string;
  readonly stakingObjectId: string;
  readonly systemObjectId: string;
  readonly slashingManagerId: string;
  readonly walCoinType: string;
}

/** The state of the simulated contracts, as the ledger projection reads it. */
export interface WalrusStateView {
  readonly commissionRule: CommissionRule;
  readonly nShards: number;
  readonly epochDurationMs: number;
  readonly firstEpochStartMs: number;
  readonly epoch: number;
  readonly epochState: EpochState;
  readonly committee: Committee;
  readonly previousCommittee: Committee;
  readonly nextCommittee: Committee | undefined;
  readonly nextEpochCapacity: bigint | undefined;
  readonly activeSet: ActiveSet;
  readonly nodes: ReadonlyMap<NodeId, NodeRecord>;
  readonly slashingProposals: ReadonlyMap<NodeId, SlashingProposalRecord>;
  /** `deny_list_sizes`, in first-update order. */
  readonly denyListSizes: ReadonlyMap<NodeId, bigint>;
  readonly storagePrice: bigint;
  readonly writePrice: bigint;
  readonly totalCapacity: bigint;
  readonly fund: readonly FundBucket[];
  node(nodeId: NodeId): NodeRecord;
}

/** Records one call of the contracts on the ledger. */
/** A call of the Walrus package: `module::function`. */
export interface ContractCall {
  /** The Walrus package unless given (a package deployed beside it, such as the subsidies'). */
  readonly package?: string;
  readonly module: string;
  readonly function: string;
}

/**
 * Records one transaction: a single call (`fn` in `module`, `staking` unless named), or the calls
 * of a programmable transaction in order, as a node's client builds them.
 */
export type ContractCommit = (
  sender: string,
  fn: string | readonly ContractCall[],
  effects: { writes: ObjectWrite[]; deletes?: string[]; events?: EventRecord[] },
  module?: string,
) => void;

/** The Move abort a contract raises, as `DomainError` carries it. */
export function walrusAbort(name: string, code: number, module = 'staking_inner') {
  return { package: 'walrus' as const, module, name, code };
}
