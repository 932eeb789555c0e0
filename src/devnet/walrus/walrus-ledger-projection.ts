import { createHash } from 'node:crypto';
import { bcs } from '@mysten/sui/bcs';
import * as W from 'src/chain/walrus-bcs';
import { WALRUS_DATATYPES_BY_VERSION } from 'src/chain/walrus-datatypes';

/** What the local network's package defines before any upgrade. */
export const DEVNET_FIRST_VERSION_DATATYPES = [
  ...(WALRUS_DATATYPES_BY_VERSION[0] ?? []),
  ...(WALRUS_DATATYPES_BY_VERSION[2] ?? []),
];
import type { EventRecord, ObjectWrite, SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { WalrusObjectWriter } from 'src/devnet/walrus/walrus-objects';
import {
  MAX_EPOCHS_AHEAD,
  interfaceVersionOf,
  type Authorized,
  type NodeRecord,
  type SlashingProposalRecord,
  type StakePosition,
  type WalrusDeployment,
  type WalrusStateView,
} from 'src/devnet/walrus/walrus-network.types';
import type { Committee } from 'src/domain/committee/committee';
import type { NodeId } from 'src/domain/shared/node-id';
import { aggregatePublicKey } from 'src/devnet/walrus/bls-keys';
import { U64_MAX } from 'src/domain/shared/u64';
import type { PoolExchangeRate } from 'src/domain/staking/exchange-rate';

/**
 * The Walrus contracts' state as the chain shows it: each piece of the state machine's state
 * encoded as the objects, dynamic fields and events the real contracts write, with the deployed
 * type names and the BCS layouts of `chain/walrus-bcs`. It reads the state and never changes it;
 * object IDs it allocates come from the ledger in a fixed order, so a seed gives the same chain.
 */
export class WalrusLedgerProjection {
  readonly deployment: WalrusDeployment;
  private readonly writer: WalrusObjectWriter;
  private readonly typeOrigin: string;
  private readonly ids: {
    readonly poolsTable: string;
    readonly activeSetField: string;
    readonly nextEpochKeysField: string;
    readonly denyListField: string;
    readonly slashingTable: string;
  };
  /**
   * Exchange rates already written, per pool (how many, and the newest epoch): only new ones
   * become table entries.
   */
  private readonly recordedRates = new Map<NodeId, { count: number; lastEpoch: number }>();
  private aggregateKey: { readonly memo: string; readonly key: Uint8Array } | undefined;

  constructor(
    private readonly ledger: SuiLedger,
    private readonly state: WalrusStateView,
    private readonly seed: string,
  ) {
    const packageId = ledger.newObjectId();
    const walPackage = ledger.newObjectId();
    // The first version holds the datatypes mainnet's v1 and v3 introduced; those of v2 (the
    // protocol-version messages) come with the first upgrade, as they did on mainnet.
    ledger.publishPackage(packageId, {
      originalId: packageId,
      version: 1n,
      typeOrigins: DEVNET_FIRST_VERSION_DATATYPES.map((qualified) => {
        const [module = '', datatype = ''] = qualified.split('::');
        return { module, datatype, packageId };
      }),
    });
    this.typeOrigin = packageId;
    this.writer = new WalrusObjectWriter(ledger, packageId);
    this.deployment = {
      packageId,
      stakingObjectId: ledger.newObjectId(),
      systemObjectId: ledger.newObjectId(),
      slashingManagerId: ledger.newObjectId(),
      walCoinType: `${walPackage}::wal::WAL`,
    };
    this.ids = {
      poolsTable: ledger.newObjectId(),
      activeSetField: ledger.newObjectId(),
      nextEpochKeysField: ledger.newObjectId(),
      denyListField: ledger.newObjectId(),
      slashingTable: ledger.newObjectId(),
    };
  }

  get types(): ReturnType<typeof W.walrusTypes> {
    return W.walrusTypes(this.typeOrigin);
  }

  /** A new pool: its entry in the pools table and its exchange-rate table so far. */
  poolRegistration(node: NodeRecord): ObjectWrite[] {
    this.recordedRates.set(node.nodeId, { count: 0, lastEpoch: -1 });
    return [
      ...this.writer.objectTableEntry(
        this.ids.poolsTable,
        node.nodeId,
        this.types.stakingPool,
        this.encodePool(node),
      ),
      ...this.exchangeRateWrites(node),
      this.metadataWrite(node),
    ];
  }

  /**
   * `next_epoch_public_keys`: the keys of the selected next committee, by node ID in its order
   * (each node's next key, or its key), set at `voting_end` and emptied by the epoch change.
   */
  nextEpochKeysWrite(): ObjectWrite {
    const keys = (this.state.nextCommittee ?? []).map((member) => {
      const node = this.state.node(member.nodeId);
      return { key: member.nodeId, value: { bytes: [...(node.nextPublicKey ?? node.publicKey)] } };
    });
    return this.writer.extendedFieldValue(
      this.ids.nextEpochKeysField,
      '0x2::vec_map::VecMap<0x2::object::ID, 0x2::group_ops::Element<0x2::bls12381::UncompressedG1>>',
      W.VecMap(bcs.Address, W.Element).serialize({ contents: keys }).toBytes(),
    );
  }

  /** The value of the node's metadata `ExtendedField`. */
  metadataWrite(node: NodeRecord): ObjectWrite {
    return this.writer.extendedFieldValue(
      node.metadataId,
      `${this.typeOrigin}::node_metadata::NodeMetadata`,
      encodeNodeMetadata(node.metadata),
    );
  }

  event(name: string, serialized: { toBytes: () => Uint8Array }): EventRecord {
    return {
      packageId: this.deployment.packageId,
      module: 'staking',
      type: this.types.event(name),
      contents: serialized.toBytes(),
    };
  }

  /** The package the `Staking` and `System` objects name as current: the latest upgrade's. */
  currentPackageId: string | undefined;

  rootWrites(): ObjectWrite[] {
    const header = (id: string, version: bigint) =>
      W.VersionedRoot.serialize({
        id,
        version,
        package_id: this.currentPackageId ?? this.deployment.packageId,
        new_package_id: null,
      }).toBytes();
    return [
      {
        objectId: this.deployment.stakingObjectId,
        owner: { kind: 'shared', initialVersion: 1n },
        type: this.types.staking,
        contents: header(this.deployment.stakingObjectId, interfaceVersionOf(this.state.commissionRule)),
      },
      {
        objectId: this.deployment.systemObjectId,
        owner: { kind: 'shared', initialVersion: 1n },
        type: this.types.system,
        contents: header(this.deployment.systemObjectId, interfaceVersionOf(this.state.commissionRule)),
      },
    ];
  }

  /** The staking inner state, optionally the active set, and the given pools. */
  stakingWrites({
    activeSet = false,
    pools = [],
  }: {
    activeSet?: boolean;
    pools?: NodeRecord[];
  }): ObjectWrite[] {
    const writes: ObjectWrite[] = [
      this.writer.versionedInner(
        this.deployment.stakingObjectId,
        interfaceVersionOf(this.state.commissionRule),
        this.types.stakingInner,
        this.encodeStakingInner(),
      ),
    ];
    if (activeSet) {
      writes.push(
        this.writer.extendedFieldValue(
          this.ids.activeSetField,
          this.types.activeSet,
          W.ActiveSet.serialize({
            max_size: this.state.activeSet.maxSize,
            threshold_stake: this.state.activeSet.thresholdStake,
            nodes: this.state.activeSet.entries.map((entry) => ({
              node_id: entry.nodeId,
              staked_amount: entry.stake,
            })),
            total_stake: this.state.activeSet.totalStake,
          }).toBytes(),
        ),
      );
    }
    for (const node of new Set(pools)) {
      writes.push({
        objectId: node.nodeId,
        owner: { kind: 'object', parent: this.poolFieldId(node.nodeId) },
        type: this.types.stakingPool,
        contents: this.encodePool(node),
      });
    }
    return writes;
  }

  systemWrites(): ObjectWrite[] {
    const members = this.state.committee.map((member) => {
      const node = this.state.node(member.nodeId);
      return {
        public_key: { bytes: [...node.publicKey] },
        weight: member.shards.length,
        node_id: member.nodeId,
      };
    });
    const inner = W.SystemStateInnerV1.serialize({
      committee: {
        members,
        n_shards: this.state.nShards,
        epoch: this.state.epoch,
        total_aggregated_key: {
          bytes: [
            ...this.committeeKey(
              this.state.committee.map((member) => this.state.node(member.nodeId).publicKey),
            ),
          ],
        },
      },
      total_capacity_size: this.state.totalCapacity,
      used_capacity_size: this.state.fund[0]?.usedCapacity ?? 0n,
      storage_price_per_unit_size: this.state.storagePrice,
      write_price_per_unit_size: this.state.writePrice,
      future_accounting: {
        current_index: this.state.epoch % MAX_EPOCHS_AHEAD,
        length: MAX_EPOCHS_AHEAD,
        ring_buffer: this.ringBuffer(),
      },
      event_blob_certification_state: {
        latest_certified_blob: null,
        aggregate_weight_per_blob: { contents: [] },
      },
      deny_list_sizes: { id: this.ids.denyListField },
    }).toBytes();
    const denyLists = [...this.state.denyListSizes].map(([nodeId, size]) => ({ key: nodeId, value: size }));
    return [
      this.writer.versionedInner(
        this.deployment.systemObjectId,
        interfaceVersionOf(this.state.commissionRule),
        this.types.systemInner,
        inner,
      ),
      this.writer.extendedFieldValue(
        this.ids.denyListField,
        `0x2::vec_map::VecMap<0x2::object::ID, u64>`,
        W.VecMap(bcs.Address, bcs.u64()).serialize({ contents: denyLists }).toBytes(),
      ),
    ];
  }

  /** The fund buckets in ring order: slot (epoch mod length) holds that epoch. */
  ringBuffer() {
    const slots = new Array<{
      epoch: number;
      used_capacity: bigint;
      rewards_to_distribute: { value: bigint };
    }>(MAX_EPOCHS_AHEAD);
    for (const bucket of this.state.fund) {
      slots[bucket.epoch % MAX_EPOCHS_AHEAD] = {
        epoch: bucket.epoch,
        used_capacity: bucket.usedCapacity,
        rewards_to_distribute: { value: bucket.rewards },
      };
    }
    return slots;
  }

  encodeStakingInner(): Uint8Array {
    const committee = (members: Committee) => ({
      pos0: { contents: members.map((member) => ({ key: member.nodeId, value: [...member.shards] })) },
    });
    const state = this.state.epochState;
    return W.StakingInnerV1.serialize({
      n_shards: this.state.nShards,
      epoch_duration: BigInt(this.state.epochDurationMs),
      first_epoch_start: BigInt(this.state.firstEpochStartMs),
      pools: { id: this.ids.poolsTable, size: BigInt(this.state.nodes.size) },
      epoch: this.state.epoch,
      active_set: { id: this.ids.activeSetField },
      next_committee: this.state.nextCommittee === undefined ? null : committee(this.state.nextCommittee),
      committee: committee(this.state.committee),
      previous_committee: committee(this.state.previousCommittee),
      next_epoch_params:
        this.state.nextEpochCapacity === undefined
          ? null
          : {
              total_capacity_size: this.state.nextEpochCapacity,
              storage_price_per_unit_size: U64_MAX,
              write_price_per_unit_size: U64_MAX,
            },
      epoch_state:
        state.kind === 'EpochChangeSync'
          ? { EpochChangeSync: state.weight }
          : state.kind === 'EpochChangeDone'
            ? { EpochChangeDone: BigInt(state.doneAtMs) }
            : { NextParamsSelected: BigInt(state.doneAtMs) },
      next_epoch_public_keys: { id: this.ids.nextEpochKeysField },
    }).toBytes();
  }

  encodePool(node: NodeRecord): Uint8Array {
    const pool = node.pool;
    const pending = (values: { entries: readonly { epoch: number; value: bigint }[] }) => ({
      pos0: { contents: values.entries.map((entry) => ({ key: entry.epoch, value: entry.value })) },
    });
    const state =
      pool.state.kind === 'Active'
        ? { Active: true as const }
        : pool.state.kind === 'Withdrawing'
          ? { Withdrawing: pool.state.epoch }
          : { Withdrawn: true as const };
    return W.StakingPool.serialize({
      id: node.nodeId,
      state,
      voting_params: {
        storage_price: node.votes.storagePrice,
        write_price: node.votes.writePrice,
        node_capacity: node.votes.nodeCapacity,
      },
      node_info: {
        name: node.name,
        node_id: node.nodeId,
        network_address: node.networkAddress,
        public_key: { bytes: [...node.publicKey] },
        next_epoch_public_key: node.nextPublicKey === null ? null : { bytes: [...node.nextPublicKey] },
        network_public_key: [...node.networkPublicKey],
        metadata: { id: node.metadataId },
      },
      activation_epoch: pool.activationEpoch,
      latest_epoch: pool.latestEpoch,
      wal_balance: pool.walBalance,
      num_shares: pool.numShares,
      pending_shares_withdraw: pending(pool.pendingSharesWithdraw),
      pre_active_withdrawals: pending(pool.preActiveWithdrawals),
      pending_commission_rate: pending(pool.pendingCommissionRate),
      commission_rate: pool.commissionRate,
      exchange_rates: { id: node.exchangeRatesId, size: BigInt(pool.exchangeRates.size) },
      pending_stake: pending(pool.pendingStake),
      rewards_pool: { value: pool.rewardsPool },
      commission: { value: pool.commission },
      commission_receiver: authorized(node.commissionReceiver),
      governance_authorized: authorized(node.governanceAuthorized),
      extra_fields: { id: node.extraFieldsId, size: pool.blockedCommission > 0n ? 1n : 0n },
    }).toBytes();
  }

  /**
   * The committee's aggregate key, computed again only when a member or a key changes: the system
   * object is written many times an epoch, and summing the curve points is most of its cost.
   */
  private committeeKey(keys: readonly Uint8Array[]): Uint8Array {
    const memo = keys.map((key) => Buffer.from(key).toString('hex')).join();
    if (this.aggregateKey?.memo !== memo) {
      this.aggregateKey = { memo, key: aggregatePublicKey(keys) };
    }
    return this.aggregateKey.key;
  }

  /** Table entries for exchange rates recorded since the last write. */
  exchangeRateWrites(node: NodeRecord): ObjectWrite[] {
    const { pool } = node;
    const recorded = this.recordedRates.get(node.nodeId) ?? { count: 0, lastEpoch: -1 };
    // Rates are added at the current epoch or, for a new pool, at its activation: the new ones
    // lie after the last epoch written, which spares a walk over the whole (ever growing) table.
    let rates: [number, PoolExchangeRate][] = [];
    for (
      let epoch = recorded.lastEpoch + 1;
      epoch <= Math.max(pool.latestEpoch, pool.activationEpoch);
      epoch++
    ) {
      const rate = pool.exchangeRates.get(epoch);
      if (rate !== undefined) {
        rates.push([epoch, rate]);
      }
    }
    if (recorded.count + rates.length !== pool.exchangeRates.size) {
      rates = [...pool.exchangeRates.entries()].slice(recorded.count);
    }
    this.recordedRates.set(node.nodeId, {
      count: pool.exchangeRates.size,
      lastEpoch: Math.max(recorded.lastEpoch, ...rates.map(([epoch]) => epoch)),
    });
    return rates.map(([epoch, rate]) =>
      this.writer.dynamicField(
        node.exchangeRatesId,
        'u32',
        bcs.u32(),
        epoch,
        `${this.typeOrigin}::pool_exchange_rate::PoolExchangeRate`,
        encodeRate(rate),
      ),
    );
  }

  slashingManagerWrite(): ObjectWrite {
    return {
      objectId: this.deployment.slashingManagerId,
      owner: { kind: 'shared', initialVersion: 1n },
      type: this.types.slashingManager,
      contents: W.SlashingManager.serialize({
        id: this.deployment.slashingManagerId,
        slashing_candidates: { id: this.ids.slashingTable, size: BigInt(this.state.slashingProposals.size) },
      }).toBytes(),
    };
  }

  slashingProposalWrite(candidateId: NodeId, proposal: SlashingProposalRecord): ObjectWrite {
    return this.writer.dynamicField(
      this.ids.slashingTable,
      '0x2::object::ID',
      bcs.Address,
      candidateId,
      this.types.slashingProposal,
      W.SlashingProposal.serialize({
        epoch: proposal.epoch,
        node_id: candidateId,
        voting_weight: proposal.votingWeight,
        voters: { contents: [...proposal.voters] },
      }).toBytes(),
    );
  }

  stakedWalWrite(position: StakePosition): ObjectWrite {
    const { stakedWal } = position;
    return {
      objectId: position.id,
      owner: { kind: 'address', address: position.owner },
      type: this.types.stakedWal,
      contents: W.StakedWal.serialize({
        id: position.id,
        state:
          stakedWal.state.kind === 'Staked'
            ? { Staked: true }
            : { Withdrawing: { withdraw_epoch: stakedWal.state.withdrawEpoch } },
        node_id: stakedWal.nodeId,
        principal: { value: stakedWal.principal },
        activation_epoch: stakedWal.activationEpoch,
      }).toBytes(),
    };
  }

  /** The `Coin<WAL>` a withdrawal pays out. */
  coinWrite(owner: string, amount: bigint): ObjectWrite {
    const id = this.ledger.newObjectId();
    return {
      objectId: id,
      owner: { kind: 'address', address: owner },
      type: `0x2::coin::Coin<${this.deployment.walCoinType}>`,
      contents: W.Coin.serialize({ id, balance: { value: amount } }).toBytes(),
    };
  }

  capWrite(node: NodeRecord): ObjectWrite {
    return {
      objectId: node.capId,
      owner: { kind: 'address', address: node.operator },
      type: this.types.storageNodeCap,
      contents: W.StorageNodeCap.serialize({
        id: node.capId,
        node_id: node.nodeId,
        last_epoch_sync_done: node.lastEpochSyncDone,
        last_event_blob_attestation: null,
        deny_list_root: node.denyListRoot,
        deny_list_sequence: node.denyListSequence,
        deny_list_size: node.denyListSize,
      }).toBytes(),
    };
  }

  poolFieldId(nodeId: NodeId): string {
    return this.ledger.dynamicFieldId(
      this.ids.poolsTable,
      '0x2::dynamic_object_field::Wrapper<0x2::object::ID>',
      bcs.Address.serialize(nodeId).toBytes(),
    );
  }

  /** Stand-in key material: deterministic bytes of the right length (not valid curve points). */
  derivedBytes(kind: string, id: string, length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let offset = 0, round = 0; offset < length; round++) {
      const block = createHash('sha256').update(`${this.seed}/${kind}/${id}/${round}`).digest();
      out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
      offset += block.length;
    }
    return out;
  }
}

function authorized(value: Authorized): { Address: string } | { ObjectID: string } {
  return value.kind === 'address' ? { Address: value.address } : { ObjectID: value.id };
}

/** The value of a node's metadata `ExtendedField`. */
export function encodeNodeMetadata(metadata: NodeRecord['metadata']): Uint8Array {
  return W.NodeMetadata.serialize({
    image_url: metadata.imageUrl,
    project_url: metadata.projectUrl,
    description: metadata.description,
    extra_fields: { contents: metadata.extraFields.map((entry) => ({ key: entry.key, value: entry.value })) },
  }).toBytes();
}

function encodeRate(rate: PoolExchangeRate): Uint8Array {
  return W.PoolExchangeRate.serialize(
    rate.kind === 'Flat' ? { Flat: true } : { Variable: [rate.walAmount, rate.shareAmount] },
  ).toBytes();
}
