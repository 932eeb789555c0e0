import { GrpcTypes } from '@mysten/sui/grpc';
import { normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import type { TypeOriginNormalizer } from 'src/chain/type-origin';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import { subsidiesTypes } from 'src/chain/walrus-subsidies-bcs';
import { ContractUpgraded } from 'src/chain/walrus-bcs';

/** The Walrus objects the pipelines follow. */
export type WalrusObjectKind =
  | 'stakingInner'
  | 'activeSet'
  | 'stakingPool'
  | 'exchangeRate'
  | 'stakedWal'
  | 'storageNodeCap'
  | 'systemInner'
  | 'denyListSizes'
  | 'slashingProposal'
  /**
   * `staking::set_migration_epoch`'s field on the `Staking` object: a `Field<vector<u8>, u32>`,
   * which carries no Walrus address and is told apart by its parent.
   */
  | 'migrationEpoch'
  /** An entry of the `UpgradeManager`'s table of upgrade proposals. */
  | 'upgradeProposal'
  /** A node's `NodeMetadata`, the value of its metadata `ExtendedField`. */
  | 'nodeMetadata'
  /** The `walrus_subsidies` package's state, a field of its shared object. */
  | 'subsidiesInner';

export type ObjectOperation = 'created' | 'mutated' | 'deleted';

export interface WalrusObjectChange {
  readonly kind: WalrusObjectKind;
  readonly objectId: string;
  readonly version: bigint;
  readonly operation: ObjectOperation;
  /**
   * The owning address (address-owned) or parent object (object-owned), for a deletion the one it
   * had before; null when shared.
   */
  readonly owner: string | null;
  /** The Move struct's BCS; absent for a deletion. */
  readonly contents?: Uint8Array;
  readonly txDigest: string;
}

export interface WalrusEventRecord {
  readonly txDigest: string;
  readonly eventIndex: number;
  /** Struct name, e.g. `EpochChangeStart`. */
  readonly name: string;
  /** Full type, normalised to the original package. */
  readonly moveType: string;
  readonly sender: string;
  readonly contents: Uint8Array;
}

export interface WalrusTransaction {
  readonly digest: string;
  /** In the order the transaction wrote them. */
  readonly objects: readonly WalrusObjectChange[];
  readonly events: readonly WalrusEventRecord[];
  /** Events of the `tusk_reports` package (move/), when the chain has one configured. */
  readonly reportEvents?: readonly WalrusEventRecord[];
}

/** A checkpoint reduced to what Walrus staking cares about. */
export interface WalrusCheckpoint {
  readonly sequence: bigint;
  readonly timestampMs: number;
  /** Only the transactions that touched a Walrus object or emitted a Walrus event. */
  readonly transactions: readonly WalrusTransaction[];
  /** True for the bootstrap snapshot: objects read at this checkpoint, not changed in it. */
  readonly snapshot?: boolean;
}

/**
 * Picks the Walrus objects and events out of checkpoints. Types are compared after type-origin
 * normalisation, so objects and events of any package version are recognised; a cheap substring
 * test on the package addresses skips everything else first (most of mainnet).
 */
export class WalrusCheckpointReader {
  private readonly kinds = new Map<string, WalrusObjectKind>();
  private packageHexes: readonly string[];
  private readonly classified = new Map<string, WalrusObjectKind | null>();
  private readonly stakingObject: string | undefined;
  private readonly reportsPrefix: string | undefined;
  private readonly reportsHex: string;

  /**
   * `subsidies`: the `walrus_subsidies` package's versions, when the chain has one; its types
   * carry their own addresses.
   */
  constructor(
    private readonly normalizer: TypeOriginNormalizer,
    private readonly subsidies?: TypeOriginNormalizer,
    /** The `Staking` object, whose `migration_epoch` field is recognised by this parent. */
    stakingObjectId?: string,
    /** The `tusk_reports` package, whose events are picked out too. */
    reportsPackageId?: string,
  ) {
    this.reportsPrefix =
      reportsPackageId === undefined
        ? undefined
        : `${normalizeSuiAddress(reportsPackageId)}::epoch_reports::`;
    this.reportsHex = reportsPackageId === undefined ? '' : normalizeSuiAddress(reportsPackageId).slice(2);
    this.stakingObject = stakingObjectId === undefined ? undefined : normalizeSuiAddress(stakingObjectId);
    const origin = normalizer.originalPackageId;
    const field = (name: string, value: string) => `0x2::dynamic_field::Field<${name}, ${value}>`;
    const key = `${origin}::extended_field::Key`;
    const expected: [string, WalrusObjectKind][] = [
      [field('u64', `${origin}::staking_inner::StakingInnerV1`), 'stakingInner'],
      [field(key, `${origin}::active_set::ActiveSet`), 'activeSet'],
      [`${origin}::staking_pool::StakingPool`, 'stakingPool'],
      [field('u32', `${origin}::pool_exchange_rate::PoolExchangeRate`), 'exchangeRate'],
      [`${origin}::staked_wal::StakedWal`, 'stakedWal'],
      [`${origin}::storage_node::StorageNodeCap`, 'storageNodeCap'],
      [field('u64', `${origin}::system_state_inner::SystemStateInnerV1`), 'systemInner'],
      [field(key, '0x2::vec_map::VecMap<0x2::object::ID, u64>'), 'denyListSizes'],
      [field('0x2::object::ID', `${origin}::slashing::SlashingProposal`), 'slashingProposal'],
      [field(key, `${origin}::node_metadata::NodeMetadata`), 'nodeMetadata'],
      [field(`${origin}::upgrade::PackageDigest`, `${origin}::upgrade::UpgradeProposal`), 'upgradeProposal'],
    ];
    if (subsidies !== undefined) {
      const types = subsidiesTypes(subsidies.originalPackageId);
      expected.push([field(types.innerKey, types.inner), 'subsidiesInner']);
    }
    for (const [type, kind] of expected) {
      this.kinds.set(this.normalize(type), kind);
    }
    this.packageHexes = [...normalizer.packageVersions, ...(subsidies?.packageVersions ?? [])].map((id) =>
      id.slice(2),
    );
  }

  read(checkpoint: GrpcTypes.Checkpoint): WalrusCheckpoint {
    const sequence = checkpoint.sequenceNumber;
    if (sequence === undefined) {
      throw new NonRetryableChainError('a checkpoint arrived without its sequence number');
    }
    const transactions: WalrusTransaction[] = [];
    for (const transaction of checkpoint.transactions) {
      const read = this.readTransaction(sequence, transaction);
      if (read !== undefined) {
        transactions.push(read);
      }
    }
    return { sequence, timestampMs: timestampMs(checkpoint.summary?.timestamp), transactions };
  }

  private readTransaction(
    sequence: bigint,
    transaction: GrpcTypes.ExecutedTransaction,
  ): WalrusTransaction | undefined {
    const digest = transaction.digest ?? '';
    const objects: WalrusObjectChange[] = [];
    let outputs: Map<string, GrpcTypes.Object> | undefined;
    for (const changed of transaction.effects?.changedObjects ?? []) {
      const kind = this.classify(changed.objectType);
      if (kind === null || changed.objectId === undefined) {
        continue;
      }
      if (kind === 'migrationEpoch' && !this.isStakingField(changed)) {
        continue;
      }
      const objectId = normalizeSuiAddress(changed.objectId);
      if (changed.outputState !== GrpcTypes.ChangedObject_OutputObjectState.OBJECT_WRITE) {
        objects.push({
          kind,
          objectId,
          version: transaction.effects?.lamportVersion ?? changed.inputVersion ?? 0n,
          operation: 'deleted',
          owner: ownerAddress(changed.inputOwner),
          txDigest: digest,
        });
        continue;
      }
      outputs ??= new Map(
        (transaction.objects?.objects ?? []).map((object) => [
          `${normalizeSuiAddress(object.objectId ?? '0x0')}@${String(object.version)}`,
          object,
        ]),
      );
      const object = outputs.get(`${objectId}@${String(changed.outputVersion)}`);
      const contents = object?.contents?.value;
      if (contents === undefined || changed.outputVersion === undefined) {
        throw new NonRetryableChainError(
          `checkpoint ${sequence}, transaction ${digest}: the contents of ${kind} ${objectId} ` +
            `version ${String(changed.outputVersion)} are missing (is transactions.objects in the read mask?)`,
        );
      }
      objects.push({
        kind,
        objectId,
        version: changed.outputVersion,
        operation:
          changed.idOperation === GrpcTypes.ChangedObject_IdOperation.CREATED ||
          changed.inputState === GrpcTypes.ChangedObject_InputObjectState.DOES_NOT_EXIST
            ? 'created'
            : 'mutated',
        owner: ownerAddress(changed.outputOwner),
        // A copy: the decoded message's bytes are a view of the whole checkpoint's frame, which
        // the queue would otherwise keep alive (and old enough to be promoted) for one object.
        contents: contents.slice(),
        txDigest: digest,
      });
    }
    const events: WalrusEventRecord[] = [];
    const reportEvents: WalrusEventRecord[] = [];
    for (const [index, event] of (transaction.events?.events ?? []).entries()) {
      const type = event.eventType;
      // The substring test first: normalising every event type of a busy chain would cost.
      if (
        type !== undefined &&
        this.reportsPrefix !== undefined &&
        type.toLowerCase().includes(this.reportsHex)
      ) {
        const normalized = normalizeStructTag(type);
        if (normalized.startsWith(this.reportsPrefix)) {
          reportEvents.push({
            txDigest: digest,
            eventIndex: event.eventIndex ?? index,
            name: normalized.slice(this.reportsPrefix.length),
            moveType: normalized,
            sender: normalizeSuiAddress(event.sender ?? '0x0'),
            contents: event.contents?.value?.slice() ?? new Uint8Array(),
          });
          continue;
        }
      }
      if (type === undefined || !this.mentionsWalrus(type)) {
        continue;
      }
      const moveType = this.normalizer.normalize(type);
      const [, module, name] = moveType.split('<', 1)[0]?.split('::') ?? [];
      if (
        module !== 'events' ||
        name === undefined ||
        !moveType.startsWith(this.normalizer.originalPackageId)
      ) {
        continue;
      }
      const contents = event.contents?.value?.slice() ?? new Uint8Array();
      events.push({
        txDigest: digest,
        eventIndex: event.eventIndex ?? index,
        name,
        moveType,
        sender: normalizeSuiAddress(event.sender ?? '0x0'),
        contents,
      });
      if (name === 'ContractUpgraded') {
        this.learnVersion(contents);
      }
    }
    if (objects.length === 0 && events.length === 0 && reportEvents.length === 0) {
      return undefined;
    }
    return reportEvents.length === 0
      ? { digest, objects, events }
      : { digest, objects, events, reportEvents };
  }

  /** The one Walrus field whose type names no Walrus package is told apart by its parent. */
  private isStakingField(changed: GrpcTypes.ChangedObject): boolean {
    const parent = ownerAddress(changed.outputOwner) ?? ownerAddress(changed.inputOwner);
    return parent !== null && parent === this.stakingObject;
  }

  private classify(type: string | undefined): WalrusObjectKind | null {
    if (type === undefined) {
      return null;
    }
    let kind = this.classified.get(type);
    if (kind === undefined) {
      kind = this.mentionsWalrus(type)
        ? (this.kinds.get(this.normalize(type)) ?? null)
        : this.isMigrationEpochType(type)
          ? 'migrationEpoch'
          : null;
      if (this.classified.size > 10_000) {
        this.classified.clear();
      }
      this.classified.set(type, kind);
    }
    return kind;
  }

  /** `Field<vector<u8>, u32>`, the type of `migration_epoch`, when the staking object is known. */
  private isMigrationEpochType(type: string): boolean {
    // A cheap test first: most of mainnet's objects are nothing of Walrus's.
    return (
      this.stakingObject !== undefined &&
      type.endsWith('u32>') &&
      normalizeStructTag(type) === MIGRATION_EPOCH_FIELD
    );
  }

  /**
   * An upgrade names its new package: types it introduces carry that address from the next
   * transaction on, so it is recognised at once rather than at the next start.
   */
  private learnVersion(contents: Uint8Array): void {
    let packageId: string;
    try {
      packageId = ContractUpgraded.parse(contents).package_id;
    } catch (error) {
      throw new NonRetryableChainError(
        `cannot decode a ContractUpgraded event: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (this.normalizer.addVersion(packageId)) {
      this.packageHexes = [...this.packageHexes, normalizeSuiAddress(packageId).slice(2)];
      this.classified.clear();
    }
  }

  /** Every address of a Walrus or subsidies package version → its original. */
  private normalize(type: string): string {
    const walrus = this.normalizer.normalize(type);
    return this.subsidies === undefined ? walrus : this.subsidies.normalize(walrus);
  }

  private mentionsWalrus(type: string): boolean {
    const lower = type.toLowerCase();
    return this.packageHexes.some((hex) => lower.includes(hex));
  }
}

const MIGRATION_EPOCH_FIELD = normalizeStructTag('0x2::dynamic_field::Field<vector<u8>, u32>');

function ownerAddress(owner: GrpcTypes.Owner | undefined): string | null {
  if (
    owner?.address !== undefined &&
    (owner.kind === GrpcTypes.Owner_OwnerKind.ADDRESS || owner.kind === GrpcTypes.Owner_OwnerKind.OBJECT)
  ) {
    return normalizeSuiAddress(owner.address);
  }
  return null;
}

export function timestampMs(timestamp: { seconds: bigint; nanos: number } | undefined): number {
  return timestamp === undefined ? 0 : Number(timestamp.seconds) * 1000 + Math.floor(timestamp.nanos / 1e6);
}
