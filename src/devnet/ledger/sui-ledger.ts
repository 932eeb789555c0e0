import { createHash } from 'node:crypto';
import { GrpcTypes } from '@mysten/sui/grpc';
import { deriveDynamicFieldID, normalizeSuiAddress, toBase58 } from '@mysten/sui/utils';
import type { ColdObject, ColdObjectStore } from 'src/devnet/ledger/cold-object-store';
import type { DynamicFieldEntry, LedgerObject, ObjectOwner } from 'src/devnet/ledger/ledger-object';
import { changedObject, toProtoObject, toProtoOwner } from 'src/devnet/ledger/proto-objects';

export type { DynamicFieldEntry, LedgerObject, ObjectOwner } from 'src/devnet/ledger/ledger-object';

export interface ObjectWrite {
  readonly objectId: string;
  readonly owner: ObjectOwner;
  readonly type: string;
  readonly contents: Uint8Array;
  /** Set when the object is the field object of a dynamic field. */
  readonly dynamicField?: Omit<DynamicFieldEntry, 'fieldId'>;
}

export interface MoveCallRecord {
  readonly package: string;
  readonly module: string;
  readonly function: string;
  readonly typeArguments?: readonly string[];
}

export interface EventRecord {
  readonly packageId: string;
  readonly module: string;
  /** Full Move type of the event struct. */
  readonly type: string;
  readonly contents: Uint8Array;
}

export interface TransactionInput {
  readonly sender: string;
  readonly calls: readonly MoveCallRecord[];
  readonly writes: readonly ObjectWrite[];
  readonly deletes?: readonly string[];
  readonly events?: readonly EventRecord[];
  /** A transaction that aborted: recorded with its error, and nothing written or emitted. */
  readonly failure?: GrpcTypes.ExecutionError;
}

export interface LedgerOptions {
  readonly chainId: string;
  /** Makes object IDs and digests reproducible: same seed, same chain. */
  readonly seed: string;
  /**
   * Checkpoints kept, like a pruned full node's window: older checkpoints, their events and the
   * object versions they wrote (except each object's latest) are dropped. All when undefined.
   */
  readonly retainedCheckpoints?: number;
  /**
   * Where objects go once their latest version has left the retained window (like a full node's
   * live object set on disk); they stay in memory when undefined. The ledger closes it.
   */
  readonly coldStore?: ColdObjectStore;
}

export type CheckpointListener = (checkpoint: GrpcTypes.Checkpoint) => void;

/** An event in ledger order; `sequence` (its position among all events) is its cursor. */
export interface IndexedEvent {
  readonly sequence: bigint;
  readonly checkpoint: bigint;
  readonly event: GrpcTypes.Event;
}

/**
 * The devnet's Sui ledger: versioned objects, transactions with their effects and events, and
 * checkpoints sealed from them, built with `@mysten/sui`'s own protobuf messages. Versions follow
 * Sui's Lamport rule (every object a transaction writes gets one version above everything it
 * touched); IDs and digests are derived from the seed so that a seed replays the same chain.
 */
export class SuiLedger {
  readonly chainId: string;
  private readonly seed: string;
  private readonly latest = new Map<string, LedgerObject>();
  private readonly history = new Map<string, LedgerObject[]>();
  private readonly fieldsByParent = new Map<string, Map<string, DynamicFieldEntry>>();
  private readonly parentOfField = new Map<string, string>();
  private readonly coldStore: ColdObjectStore | undefined;
  private sealed: GrpcTypes.Checkpoint[] = [];
  private eventLog: IndexedEvent[] = [];
  /** Sequence number of `sealed[0]`: the lowest checkpoint still served. */
  private lowest = 0n;
  private eventCounter = 0n;
  private readonly retained: number | undefined;
  private readonly listeners = new Set<CheckpointListener>();
  private pending: GrpcTypes.ExecutedTransaction[] = [];
  private lamport = 0n;
  private idCounter = 0;
  private transactionCounter = 0;

  constructor({ chainId, seed, retainedCheckpoints, coldStore }: LedgerOptions) {
    this.chainId = chainId;
    this.seed = seed;
    this.retained = retainedCheckpoints;
    this.coldStore = coldStore;
  }

  /** A fresh object ID, unique in this chain. */
  newObjectId(): string {
    return `0x${this.hash('object', String(this.idCounter++)).toString('hex')}`;
  }

  /** The ID of the dynamic field `name` (of Move type `nameType`) under `parent`. */
  dynamicFieldId(parent: string, nameType: string, nameBcs: Uint8Array): string {
    return deriveDynamicFieldID(parent, nameType, nameBcs);
  }

  /**
   * Publishes a package at genesis: an immutable object that carries no Move value, only its
   * type-origin table (a full node serves the same through `Object.package`).
   */
  publishPackage(packageId: string, movePackage: NonNullable<LedgerObject['movePackage']>): void {
    const id = normalizeSuiAddress(packageId);
    const object: LedgerObject = {
      objectId: id,
      version: movePackage.version,
      digest: toBase58(this.hash('package', id)),
      owner: { kind: 'immutable' },
      type: 'package',
      contents: new Uint8Array(),
      previousTransaction: toBase58(this.hash('publish', id)),
      movePackage,
    };
    this.latest.set(id, object);
    this.history.set(id, [object]);
  }

  get(objectId: string, version?: bigint): LedgerObject | undefined {
    const id = normalizeSuiAddress(objectId);
    if (version === undefined) {
      return this.current(id);
    }
    const held = this.history.get(id)?.find((object) => object.version === version);
    if (held !== undefined) {
      return held;
    }
    const cold = this.coldStore?.get(id)?.object;
    return cold?.version === version ? cold : undefined;
  }

  /** Whether a version of an object was written before the retained window (and dropped with it). */
  isPruned(objectId: string, version: bigint): boolean {
    const id = normalizeSuiAddress(objectId);
    const oldest = this.history.get(id)?.[0]?.version ?? this.coldStore?.get(id)?.object.version;
    return this.lowest > 0n && (oldest === undefined || version < oldest);
  }

  /**
   * The dynamic fields of `parent`, in field-ID order (as a full node's index pages them), so
   * that pages stay consistent while objects move between memory and the cold store.
   */
  dynamicFields(parent: string): DynamicFieldEntry[] {
    const id = normalizeSuiAddress(parent);
    const fields = [
      ...(this.fieldsByParent.get(id)?.values() ?? []),
      ...(this.coldStore?.fieldsOf(id) ?? []),
    ];
    return fields.sort((a, b) => compareIds(a.fieldId, b.fieldId));
  }

  /** The objects `address` owns, in object-ID order. */
  ownedBy(address: string): LedgerObject[] {
    const owner = normalizeSuiAddress(address);
    const objects = [
      ...[...this.latest.values()].filter(
        (object) => object.owner.kind === 'address' && object.owner.address === owner,
      ),
      ...(this.coldStore?.ownedBy(owner) ?? []),
    ];
    return objects.sort((a, b) => compareIds(a.objectId, b.objectId));
  }

  /** Objects whose latest version is held in the cold store. */
  get coldObjects(): number {
    return this.coldStore?.size ?? 0;
  }

  /** Bytes the cold store's file spans. */
  get coldStoreBytes(): number {
    return this.coldStore?.fileBytes ?? 0;
  }

  async close(): Promise<void> {
    await this.coldStore?.close();
  }

  /** The retained checkpoints, from `lowestAvailable` to the tip (every one when nothing is pruned). */
  get checkpoints(): readonly GrpcTypes.Checkpoint[] {
    return this.sealed;
  }

  /** The checkpoint `sequence`; undefined when not sealed yet or pruned. */
  checkpoint(sequence: bigint): GrpcTypes.Checkpoint | undefined {
    return sequence < this.lowest ? undefined : this.sealed[Number(sequence - this.lowest)];
  }

  /** The lowest checkpoint still served (0 until the window first moves). */
  get lowestAvailable(): bigint {
    return this.lowest;
  }

  /** Every event of every retained checkpoint, in order. */
  get events(): readonly IndexedEvent[] {
    return this.eventLog;
  }

  /** Sequence number of the newest sealed checkpoint, or -1 before the first. */
  get tip(): bigint {
    return this.lowest + BigInt(this.sealed.length) - 1n;
  }

  subscribe(listener: CheckpointListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Executes a transaction into the next checkpoint and returns its digest. */
  execute(input: TransactionInput): string {
    if (input.failure !== undefined && (input.writes.length > 0 || (input.events ?? []).length > 0)) {
      throw new Error('an aborted transaction writes nothing and emits nothing');
    }
    const digest = toBase58(this.hash('transaction', String(this.transactionCounter++)));
    const deletes = (input.deletes ?? []).map((id) => normalizeSuiAddress(id));
    const touched = [...input.writes.map((write) => write.objectId), ...deletes];
    let highest = this.lamport;
    for (const id of touched) {
      const current = this.current(normalizeSuiAddress(id));
      if (current !== undefined && current.version > highest) {
        highest = current.version;
      }
    }
    const version = highest + 1n;
    this.lamport = version;

    const changed: GrpcTypes.ChangedObject[] = [];
    const outputs: GrpcTypes.Object[] = [];
    for (const write of input.writes) {
      const objectId = normalizeSuiAddress(write.objectId);
      const revived = this.latest.has(objectId) ? undefined : this.coldStore?.take(objectId);
      const before = this.latest.get(objectId) ?? revived?.object;
      const object: LedgerObject = {
        objectId,
        version,
        digest: toBase58(
          this.hash('object-digest', objectId, String(version), Buffer.from(write.contents).toString('hex')),
        ),
        owner: write.owner,
        type: write.type,
        contents: write.contents,
        previousTransaction: digest,
      };
      this.store(object);
      if (write.dynamicField !== undefined) {
        this.indexField({ ...write.dynamicField, fieldId: objectId });
      } else if (revived?.field !== undefined) {
        this.indexField(revived.field);
      }
      changed.push(changedObject(before, object));
      outputs.push(toProtoObject(object));
    }
    for (const objectId of deletes) {
      const before = this.latest.get(objectId) ?? this.coldStore?.take(objectId)?.object;
      if (before === undefined) {
        throw new Error(`cannot delete unknown object ${objectId}`);
      }
      this.latest.delete(objectId);
      this.unindexField(objectId);
      changed.push(
        GrpcTypes.ChangedObject.create({
          objectId,
          inputState: GrpcTypes.ChangedObject_InputObjectState.EXISTS,
          inputVersion: before.version,
          inputDigest: before.digest,
          inputOwner: toProtoOwner(before.owner),
          outputState: GrpcTypes.ChangedObject_OutputObjectState.DOES_NOT_EXIST,
          idOperation: GrpcTypes.ChangedObject_IdOperation.DELETED,
          objectType: before.type,
        }),
      );
    }

    const sequence = this.tip + 1n;
    const events = (input.events ?? []).map((event, index) =>
      GrpcTypes.Event.create({
        packageId: event.packageId,
        module: event.module,
        sender: input.sender,
        eventType: event.type,
        contents: GrpcTypes.Bcs.create({ name: event.type, value: event.contents }),
        checkpoint: sequence,
        transactionDigest: digest,
        transactionIndex: BigInt(this.pending.length),
        eventIndex: index,
      }),
    );
    this.pending.push(
      GrpcTypes.ExecutedTransaction.create({
        digest,
        transaction: GrpcTypes.Transaction.create({
          digest,
          sender: input.sender,
          kind: GrpcTypes.TransactionKind.create({
            kind: GrpcTypes.TransactionKind_Kind.PROGRAMMABLE_TRANSACTION,
            data: {
              oneofKind: 'programmableTransaction',
              programmableTransaction: GrpcTypes.ProgrammableTransaction.create({
                commands: input.calls.map((call) =>
                  GrpcTypes.Command.create({
                    command: {
                      oneofKind: 'moveCall',
                      moveCall: GrpcTypes.MoveCall.create({
                        package: call.package,
                        module: call.module,
                        function: call.function,
                        typeArguments: [...(call.typeArguments ?? [])],
                      }),
                    },
                  }),
                ),
              }),
            },
          }),
        }),
        effects: GrpcTypes.TransactionEffects.create({
          transactionDigest: digest,
          status: GrpcTypes.ExecutionStatus.create(
            input.failure === undefined ? { success: true } : { success: false, error: input.failure },
          ),
          lamportVersion: version,
          changedObjects: changed,
        }),
        events: GrpcTypes.TransactionEvents.create({ events }),
        checkpoint: sequence,
        objects: GrpcTypes.ObjectSet.create({ objects: outputs }),
        transactionIndex: BigInt(this.pending.length),
      }),
    );
    return digest;
  }

  /** A transaction executed but not yet sealed into a checkpoint, by digest. */
  pendingTransaction(digest: string): GrpcTypes.ExecutedTransaction | undefined {
    return this.pending.find((transaction) => transaction.digest === digest);
  }

  /** Seals the executed transactions into the next checkpoint and tells the subscribers. */
  sealCheckpoint(timestampMs: number, epoch = 0n): GrpcTypes.Checkpoint {
    const sequenceNumber = this.tip + 1n;
    const previous = this.sealed[this.sealed.length - 1];
    const digest = toBase58(this.hash('checkpoint', String(sequenceNumber)));
    const timestamp = {
      seconds: BigInt(Math.floor(timestampMs / 1000)),
      nanos: (timestampMs % 1000) * 1_000_000,
    };
    const transactions = this.pending.map((transaction) => ({
      ...transaction,
      timestamp,
    }));
    const totalBefore = previous?.summary?.totalNetworkTransactions ?? 0n;
    const checkpoint = GrpcTypes.Checkpoint.create({
      sequenceNumber,
      digest,
      summary: GrpcTypes.CheckpointSummary.create({
        digest,
        epoch,
        sequenceNumber,
        totalNetworkTransactions: totalBefore + BigInt(transactions.length),
        previousDigest: previous?.digest,
        timestamp,
      }),
      transactions,
      objects: GrpcTypes.ObjectSet.create({ objects: transactions.flatMap((t) => t.objects?.objects ?? []) }),
    });
    this.pending = [];
    this.sealed.push(checkpoint);
    for (const transaction of transactions) {
      for (const event of transaction.events?.events ?? []) {
        this.eventLog.push({ sequence: this.eventCounter++, checkpoint: sequenceNumber, event });
      }
    }
    this.prune();
    for (const listener of this.listeners) {
      listener(checkpoint);
    }
    return checkpoint;
  }

  /**
   * Drops what falls out of the retained window, a tenth of the window at a time (so that the
   * arrays are spliced rarely): the checkpoints, their events, and the object versions they wrote
   * that are no longer an object's latest.
   */
  private prune(): void {
    if (this.retained === undefined || this.sealed.length <= this.retained + Math.ceil(this.retained / 10)) {
      return;
    }
    const drop = this.sealed.length - this.retained;
    const dropped = this.sealed.slice(0, drop);
    this.sealed = this.sealed.slice(drop);
    this.lowest += BigInt(drop);
    const firstKept = this.eventLog.findIndex((entry) => entry.checkpoint >= this.lowest);
    this.eventLog = firstKept < 0 ? [] : this.eventLog.slice(firstKept);
    const written = new Set<string>();
    for (const checkpoint of dropped) {
      for (const object of checkpoint.objects?.objects ?? []) {
        if (object.objectId !== undefined) {
          written.add(object.objectId);
        }
      }
    }
    const lowestVersion = this.lowestVersion;
    const cooled: ColdObject[] = [];
    for (const objectId of written) {
      const versions = this.history.get(objectId);
      if (versions === undefined) {
        continue;
      }
      const latest = this.latest.get(objectId);
      // Versions written in the retained window stay (their checkpoints may still be read).
      const kept = versions.filter((object) => object === latest || object.version >= lowestVersion);
      if (kept.length === 0) {
        this.history.delete(objectId);
      } else if (
        this.coldStore !== undefined &&
        kept.length === 1 &&
        latest !== undefined &&
        latest.version < lowestVersion
      ) {
        cooled.push(this.cool(latest));
      } else {
        this.history.set(objectId, kept);
      }
    }
    this.coldStore?.putAll(cooled);
  }

  /** Takes an object whose latest version left the window out of memory, for the cold store. */
  private cool(object: LedgerObject): ColdObject {
    const id = object.objectId;
    this.latest.delete(id);
    this.history.delete(id);
    const parent = this.parentOfField.get(id);
    const field = parent === undefined ? undefined : this.fieldsByParent.get(parent)?.get(id);
    this.unindexField(id);
    return field === undefined ? { object } : { object, field };
  }

  /** The latest version of an object, wherever it is held. */
  private current(objectId: string): LedgerObject | undefined {
    return this.latest.get(objectId) ?? this.coldStore?.get(objectId)?.object;
  }

  /** The lowest object version a retained checkpoint wrote (versions are Lamport timestamps). */
  private get lowestVersion(): bigint {
    for (const checkpoint of this.sealed) {
      for (const transaction of checkpoint.transactions) {
        const version = transaction.effects?.lamportVersion;
        if (version !== undefined) {
          return version;
        }
      }
    }
    return this.lamport + 1n;
  }

  private store(object: LedgerObject): void {
    this.latest.set(object.objectId, object);
    const versions = this.history.get(object.objectId);
    if (versions === undefined) {
      this.history.set(object.objectId, [object]);
    } else {
      versions.push(object);
    }
  }

  private indexField(entry: DynamicFieldEntry): void {
    const parent = normalizeSuiAddress(entry.parent);
    let fields = this.fieldsByParent.get(parent);
    if (fields === undefined) {
      fields = new Map();
      this.fieldsByParent.set(parent, fields);
    }
    fields.set(entry.fieldId, { ...entry, parent });
    this.parentOfField.set(entry.fieldId, parent);
  }

  private unindexField(fieldId: string): void {
    const parent = this.parentOfField.get(fieldId);
    if (parent === undefined) {
      return;
    }
    this.parentOfField.delete(fieldId);
    const fields = this.fieldsByParent.get(parent);
    fields?.delete(fieldId);
    if (fields?.size === 0) {
      this.fieldsByParent.delete(parent);
    }
  }

  private hash(...parts: string[]): Buffer {
    const digest = createHash('sha256');
    digest.update(this.seed);
    for (const part of parts) {
      digest.update('\u0000');
      digest.update(part);
    }
    return digest.digest();
  }
}

/** Normalized IDs have one length, so their text order is their numeric order. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
