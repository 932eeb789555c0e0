import { bcs, type BcsType } from '@mysten/sui/bcs';

/**
 * BCS layouts of the Walrus Move types Tusk reads and the devnet writes, field for field as the
 * deployed contracts declare them. A Move `UID`/`ID` is its 32-byte address; Sui collections
 * (`Table`, `ObjectTable`, `Bag`) are only their ID and size, their entries being dynamic fields.
 */

export const Balance = bcs.struct('Balance', { value: bcs.u64() });

/** `Table`, `ObjectTable` and `Bag` share one layout. */
export const Collection = bcs.struct('Collection', { id: bcs.Address, size: bcs.u64() });

export function VecMap<K, KInput, V, VInput>(key: BcsType<K, KInput>, value: BcsType<V, VInput>) {
  return bcs.struct(`VecMap<${key.name}, ${value.name}>`, {
    contents: bcs.vector(bcs.struct(`Entry<${key.name}, ${value.name}>`, { key, value })),
  });
}

/** `0x2::dynamic_field::Field<Name, Value>`: the object holding one dynamic field. */
export function DynamicField<N, NInput, V, VInput>(name: BcsType<N, NInput>, value: BcsType<V, VInput>) {
  return bcs.struct(`Field<${name.name}, ${value.name}>`, { id: bcs.Address, name, value });
}

/** `group_ops::Element<T>`: a serialised group element (BLS12-381 G1 keys, uncompressed). */
export const Element = bcs.struct('Element', { bytes: bcs.vector(bcs.u8()) });

export const ExtendedField = bcs.struct('ExtendedField', { id: bcs.Address });
/** `extended_field::Key`, a unit struct: BCS `{ dummy_field: false }`. */
export const ExtendedFieldKey = bcs.struct('Key', { dummy_field: bcs.bool() });

export const PendingValues = bcs.struct('PendingValues', { pos0: VecMap(bcs.u32(), bcs.u64()) });

export const Committee = bcs.struct('Committee', { pos0: VecMap(bcs.Address, bcs.vector(bcs.u16())) });

export const EpochParams = bcs.struct('EpochParams', {
  total_capacity_size: bcs.u64(),
  storage_price_per_unit_size: bcs.u64(),
  write_price_per_unit_size: bcs.u64(),
});

export const EpochState = bcs.enum('EpochState', {
  EpochChangeSync: bcs.u16(),
  EpochChangeDone: bcs.u64(),
  NextParamsSelected: bcs.u64(),
});

export const ActiveSetEntry = bcs.struct('ActiveSetEntry', {
  node_id: bcs.Address,
  staked_amount: bcs.u64(),
});
export const ActiveSet = bcs.struct('ActiveSet', {
  max_size: bcs.u16(),
  threshold_stake: bcs.u64(),
  nodes: bcs.vector(ActiveSetEntry),
  total_stake: bcs.u64(),
});

export const StakingInnerV1 = bcs.struct('StakingInnerV1', {
  n_shards: bcs.u16(),
  epoch_duration: bcs.u64(),
  first_epoch_start: bcs.u64(),
  pools: Collection,
  epoch: bcs.u32(),
  active_set: ExtendedField,
  next_committee: bcs.option(Committee),
  committee: Committee,
  previous_committee: Committee,
  next_epoch_params: bcs.option(EpochParams),
  epoch_state: EpochState,
  next_epoch_public_keys: ExtendedField,
});

/** `staking::Staking` and `system::System` share their header layout. */
export const VersionedRoot = bcs.struct('VersionedRoot', {
  id: bcs.Address,
  version: bcs.u64(),
  package_id: bcs.Address,
  new_package_id: bcs.option(bcs.Address),
});

export const Authorized = bcs.enum('Authorized', { Address: bcs.Address, ObjectID: bcs.Address });

export const NodeMetadata = bcs.struct('NodeMetadata', {
  image_url: bcs.string(),
  project_url: bcs.string(),
  description: bcs.string(),
  extra_fields: VecMap(bcs.string(), bcs.string()),
});

export const StorageNodeInfo = bcs.struct('StorageNodeInfo', {
  name: bcs.string(),
  node_id: bcs.Address,
  network_address: bcs.string(),
  public_key: Element,
  next_epoch_public_key: bcs.option(Element),
  network_public_key: bcs.vector(bcs.u8()),
  metadata: ExtendedField,
});

export const PoolState = bcs.enum('PoolState', { Active: null, Withdrawing: bcs.u32(), Withdrawn: null });

export const VotingParams = bcs.struct('VotingParams', {
  storage_price: bcs.u64(),
  write_price: bcs.u64(),
  node_capacity: bcs.u64(),
});

export const StakingPool = bcs.struct('StakingPool', {
  id: bcs.Address,
  state: PoolState,
  voting_params: VotingParams,
  node_info: StorageNodeInfo,
  activation_epoch: bcs.u32(),
  latest_epoch: bcs.u32(),
  wal_balance: bcs.u64(),
  num_shares: bcs.u64(),
  pending_shares_withdraw: PendingValues,
  pre_active_withdrawals: PendingValues,
  pending_commission_rate: PendingValues,
  commission_rate: bcs.u16(),
  exchange_rates: Collection,
  pending_stake: PendingValues,
  rewards_pool: Balance,
  commission: Balance,
  commission_receiver: Authorized,
  governance_authorized: Authorized,
  extra_fields: Collection,
});

export const PoolExchangeRate = bcs.enum('PoolExchangeRate', {
  Flat: null,
  Variable: bcs.tuple([bcs.u128(), bcs.u128()]),
});

export const StakedWalState = bcs.enum('StakedWalState', {
  Staked: null,
  Withdrawing: bcs.struct('Withdrawing', { withdraw_epoch: bcs.u32() }),
});

export const StakedWal = bcs.struct('StakedWal', {
  id: bcs.Address,
  state: StakedWalState,
  node_id: bcs.Address,
  principal: Balance,
  activation_epoch: bcs.u32(),
});

export const EventBlobAttestation = bcs.struct('EventBlobAttestation', {
  checkpoint_sequence_num: bcs.u64(),
  epoch: bcs.u32(),
});

export const StorageNodeCap = bcs.struct('StorageNodeCap', {
  id: bcs.Address,
  node_id: bcs.Address,
  last_epoch_sync_done: bcs.u32(),
  last_event_blob_attestation: bcs.option(EventBlobAttestation),
  deny_list_root: bcs.u256(),
  deny_list_sequence: bcs.u64(),
  deny_list_size: bcs.u64(),
});

export const BlsCommitteeMember = bcs.struct('BlsCommitteeMember', {
  public_key: Element,
  weight: bcs.u16(),
  node_id: bcs.Address,
});

export const BlsCommittee = bcs.struct('BlsCommittee', {
  members: bcs.vector(BlsCommitteeMember),
  n_shards: bcs.u16(),
  epoch: bcs.u32(),
  total_aggregated_key: Element,
});

export const FutureAccounting = bcs.struct('FutureAccounting', {
  epoch: bcs.u32(),
  used_capacity: bcs.u64(),
  rewards_to_distribute: Balance,
});

export const FutureAccountingRingBuffer = bcs.struct('FutureAccountingRingBuffer', {
  current_index: bcs.u32(),
  length: bcs.u32(),
  ring_buffer: bcs.vector(FutureAccounting),
});

export const EventBlob = bcs.struct('EventBlob', {
  blob_id: bcs.u256(),
  ending_checkpoint_sequence_number: bcs.u64(),
});

export const EventBlobCertificationState = bcs.struct('EventBlobCertificationState', {
  latest_certified_blob: bcs.option(EventBlob),
  aggregate_weight_per_blob: VecMap(EventBlob, bcs.u16()),
});

export const SystemStateInnerV1 = bcs.struct('SystemStateInnerV1', {
  committee: BlsCommittee,
  total_capacity_size: bcs.u64(),
  used_capacity_size: bcs.u64(),
  storage_price_per_unit_size: bcs.u64(),
  write_price_per_unit_size: bcs.u64(),
  future_accounting: FutureAccountingRingBuffer,
  event_blob_certification_state: EventBlobCertificationState,
  deny_list_sizes: ExtendedField,
});

export const Coin = bcs.struct('Coin', { id: bcs.Address, balance: Balance });

/** `slashing::SlashingProposal`: the votes against one node, valid only in `epoch`. */
export const SlashingProposal = bcs.struct('SlashingProposal', {
  epoch: bcs.u32(),
  node_id: bcs.Address,
  voting_weight: bcs.u16(),
  /** `VecSet<ID>`: the voters in the order they voted. */
  voters: bcs.struct('VecSet<ID>', { contents: bcs.vector(bcs.Address) }),
});
/** An entry of `SlashingManager.slashing_candidates`: `Table<ID, SlashingProposal>`. */
export const SlashingProposalField = DynamicField(bcs.Address, SlashingProposal);
/** `slashing::SlashingManager` (shared, created by the v3 upgrade). */
export const SlashingManager = bcs.struct('SlashingManager', {
  id: bcs.Address,
  slashing_candidates: Collection,
});

/** `upgrade::PackageDigest(vector<u8>)`: the 32-byte digest of a proposed package. */
export const PackageDigest = bcs.struct('PackageDigest', { pos0: bcs.vector(bcs.u8()) });
/** `upgrade::UpgradeProposal`: votes for one package digest, valid only in `epoch`. */
export const UpgradeProposal = bcs.struct('UpgradeProposal', {
  epoch: bcs.u32(),
  digest: PackageDigest,
  /** The package version the upgrade would create (the cap's version + 1). */
  version: bcs.u64(),
  voting_weight: bcs.u16(),
  voters: bcs.struct('VecSet<ID>', { contents: bcs.vector(bcs.Address) }),
});
/** An entry of `UpgradeManager.upgrade_proposals`: `Table<PackageDigest, UpgradeProposal>`. */
export const UpgradeProposalField = DynamicField(PackageDigest, UpgradeProposal);
/** `0x2::package::UpgradeCap`. */
export const UpgradeCap = bcs.struct('UpgradeCap', {
  id: bcs.Address,
  package: bcs.Address,
  version: bcs.u64(),
  policy: bcs.u8(),
});
/** `upgrade::UpgradeManager` (shared). */
export const UpgradeManager = bcs.struct('UpgradeManager', {
  id: bcs.Address,
  cap: UpgradeCap,
  upgrade_proposals: Collection,
});

/** Events of `<walrus>::events`. */
export const EpochChangeStart = bcs.struct('EpochChangeStart', { epoch: bcs.u32() });
export const EpochChangeDone = bcs.struct('EpochChangeDone', { epoch: bcs.u32() });
export const EpochParametersSelected = bcs.struct('EpochParametersSelected', { next_epoch: bcs.u32() });
export const ShardsReceived = bcs.struct('ShardsReceived', {
  epoch: bcs.u32(),
  shards: bcs.vector(bcs.u16()),
});
export const PricesUpdated = bcs.struct('PricesUpdated', {
  epoch: bcs.u32(),
  storage_price: bcs.u64(),
  write_price: bcs.u64(),
});

/** Move type names of the Walrus types, given the package that first defined them. */
export function walrusTypes(typeOrigin: string) {
  return {
    staking: `${typeOrigin}::staking::Staking`,
    system: `${typeOrigin}::system::System`,
    stakingInner: `${typeOrigin}::staking_inner::StakingInnerV1`,
    systemInner: `${typeOrigin}::system_state_inner::SystemStateInnerV1`,
    stakingPool: `${typeOrigin}::staking_pool::StakingPool`,
    stakedWal: `${typeOrigin}::staked_wal::StakedWal`,
    storageNodeCap: `${typeOrigin}::storage_node::StorageNodeCap`,
    activeSet: `${typeOrigin}::active_set::ActiveSet`,
    slashingManager: `${typeOrigin}::slashing::SlashingManager`,
    slashingProposal: `${typeOrigin}::slashing::SlashingProposal`,
    extendedFieldKey: `${typeOrigin}::extended_field::Key`,
    event: (name: string) => `${typeOrigin}::events::${name}`,
  };
}

export const ShardRecoveryStart = bcs.struct('ShardRecoveryStart', {
  epoch: bcs.u32(),
  shards: bcs.vector(bcs.u16()),
});
export const ContractUpgraded = bcs.struct('ContractUpgraded', {
  epoch: bcs.u32(),
  package_id: bcs.Address,
  version: bcs.u64(),
});
export const ContractUpgradeProposed = bcs.struct('ContractUpgradeProposed', {
  epoch: bcs.u32(),
  package_digest: bcs.vector(bcs.u8()),
});
export const ContractUpgradeQuorumReached = bcs.struct('ContractUpgradeQuorumReached', {
  epoch: bcs.u32(),
  package_digest: bcs.vector(bcs.u8()),
});
export const ProtocolVersionUpdated = bcs.struct('ProtocolVersionUpdated', {
  epoch: bcs.u32(),
  start_epoch: bcs.u32(),
  protocol_version: bcs.u64(),
});
export const DenyListUpdate = bcs.struct('DenyListUpdate', {
  epoch: bcs.u32(),
  root: bcs.u256(),
  sequence_number: bcs.u64(),
  node_id: bcs.Address,
});

/**
 * The staking and epoch events Tusk records, by struct name. Blob events (registered, certified,
 * deleted…) are Walrus storage traffic, not staking state, and are left out.
 */
export const STAKING_EVENTS = {
  EpochChangeStart,
  EpochChangeDone,
  EpochParametersSelected,
  ShardsReceived,
  ShardRecoveryStart,
  PricesUpdated,
  ContractUpgraded,
  ContractUpgradeProposed,
  ContractUpgradeQuorumReached,
  ProtocolVersionUpdated,
  RegisterDenyListUpdate: DenyListUpdate,
  DenyListUpdate,
} as const;

export type StakingEventName = keyof typeof STAKING_EVENTS;

export function isStakingEvent(name: string): name is StakingEventName {
  return Object.hasOwn(STAKING_EVENTS, name);
}

/** `0x2::dynamic_field::Field<u32, PoolExchangeRate>`: one entry of a pool's exchange-rate table. */
export const ExchangeRateField = DynamicField(bcs.u32(), PoolExchangeRate);
export const StakingInnerField = DynamicField(bcs.u64(), StakingInnerV1);
export const SystemInnerField = DynamicField(bcs.u64(), SystemStateInnerV1);
export const ActiveSetField = DynamicField(ExtendedFieldKey, ActiveSet);
export const DenyListSizesField = DynamicField(ExtendedFieldKey, VecMap(bcs.Address, bcs.u64()));
export const NodeMetadataField = DynamicField(ExtendedFieldKey, NodeMetadata);
