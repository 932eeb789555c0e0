import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bcs } from '@mysten/sui/bcs';
import { open, type RootDatabase } from 'lmdb';
import type { DynamicFieldEntry, LedgerObject, ObjectOwner } from 'src/devnet/ledger/ledger-object';

/** An object as the cold store keeps it: its latest version, and its dynamic-field entry if it is one. */
export interface ColdObject {
  readonly object: LedgerObject;
  readonly field?: DynamicFieldEntry;
}

const OwnerBcs = bcs.enum('ColdOwner', {
  Address: bcs.Address,
  Object: bcs.Address,
  Shared: bcs.u64(),
  Immutable: null,
});

const ColdObjectBcs = bcs.struct('ColdObject', {
  version: bcs.u64(),
  digest: bcs.string(),
  owner: OwnerBcs,
  /** Types are kept once, in the store's type table, and referred to by their index. */
  type: bcs.uleb128(),
  contents: bcs.byteVector(),
  previousTransaction: bcs.string(),
  field: bcs.option(
    bcs.struct('ColdField', {
      parent: bcs.Address,
      nameType: bcs.uleb128(),
      nameBcs: bcs.byteVector(),
      valueType: bcs.uleb128(),
      childId: bcs.option(bcs.Address),
    }),
  ),
});

/*
 * Keys are bytes: a tag, then IDs of 32 bytes. The object tag holds the record; the field and
 * owner tags are empty index entries for a parent's dynamic fields and an address's objects.
 */
const OBJECT = 0x6f;
const FIELD = 0x66;
const OWNED = 0x61;
const ID_BYTES = 32;
/**
 * Address space reserved for the store's file map (not memory, not disk). Reserved once, the file
 * is mapped once: grown step by step, each step maps the file again and the process's RSS counts
 * the pages of every mapping, the same file two and three times over.
 */
const MAP_BYTES = 2 ** 36;

function key(tag: number, ...ids: string[]): Buffer {
  return Buffer.concat([Buffer.of(tag), ...ids.map((id) => Buffer.from(id.slice(2), 'hex'))]);
}

/**
 * The objects whose latest version has left the retained window, kept on disk the way a full node
 * keeps its live object set, so that the ledger's memory follows the window and not the chain's
 * age (the contract adds one exchange-rate entry per pool per epoch and never removes one).
 * Writes are synchronous and unsynced: the store is scratch space for one run.
 */
export class ColdObjectStore {
  private count = 0;
  private closed = false;
  private readonly types: string[] = [];
  private readonly typeIndex = new Map<string, number>();

  private constructor(
    private readonly directory: string,
    private readonly db: RootDatabase<Buffer, Buffer>,
  ) {}

  /**
   * A store in a fresh directory under `parent` (created if needed). The directory is removed as
   * soon as the store is open: the open files live on until `close` or the process's end, so
   * nothing is left behind even when the process is killed. Give it a parent on disk: a `/tmp`
   * on tmpfs would keep the objects in memory after all.
   */
  static temporary(parent: string): ColdObjectStore {
    mkdirSync(parent, { recursive: true });
    const directory = mkdtempSync(join(parent, 'objects-'));
    const db = open<Buffer, Buffer>({
      path: directory,
      encoding: 'binary',
      keyEncoding: 'binary',
      compression: false,
      cache: false,
      noSync: true,
      mapSize: MAP_BYTES,
    });
    rmSync(directory, { recursive: true, force: true });
    return new ColdObjectStore(directory, db);
  }

  /** The directory the store was opened in (already removed). */
  get location(): string {
    return this.directory;
  }

  /** Bytes the store's file spans, free pages included. */
  get fileBytes(): number {
    const stats = this.db.getStats() as { pageSize: number; lastPageNumber: number };
    return stats.pageSize * (stats.lastPageNumber + 1);
  }

  /** Objects held. */
  get size(): number {
    return this.count;
  }

  get(objectId: string): ColdObject | undefined {
    const bytes = this.db.getBinary(key(OBJECT, objectId));
    return bytes === undefined ? undefined : this.decode(objectId, bytes);
  }

  /** Moves objects in, in one transaction. */
  putAll(entries: readonly ColdObject[]): void {
    if (entries.length === 0) {
      return;
    }
    let added = 0;
    this.db.transactionSync(() => {
      for (const entry of entries) {
        added += this.write(entry) ? 1 : 0;
      }
    });
    this.count += added;
  }

  /** Takes an object out (it is being written or deleted again); undefined when not held. */
  take(objectId: string): ColdObject | undefined {
    const held = this.get(objectId);
    if (held === undefined) {
      return undefined;
    }
    this.db.transactionSync(() => {
      this.db.removeSync(key(OBJECT, objectId));
      if (held.field !== undefined) {
        this.db.removeSync(key(FIELD, held.field.parent, objectId));
      }
      if (held.object.owner.kind === 'address') {
        this.db.removeSync(key(OWNED, held.object.owner.address, objectId));
      }
    });
    this.count--;
    return held;
  }

  /** The dynamic fields of `parent` held here. */
  fieldsOf(parent: string): DynamicFieldEntry[] {
    return this.indexed(FIELD, parent).flatMap((id) => {
      const field = this.get(id)?.field;
      return field === undefined ? [] : [field];
    });
  }

  /** The objects owned by `address` held here. */
  ownedBy(address: string): LedgerObject[] {
    return this.indexed(OWNED, address).flatMap((id) => {
      const held = this.get(id);
      return held === undefined ? [] : [held.object];
    });
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.db.close();
  }

  /** Writes one object inside a transaction; true when it was not held before. */
  private write({ object, field }: ColdObject): boolean {
    if (object.movePackage !== undefined) {
      throw new Error(`package ${object.objectId} stays in memory`);
    }
    const objectKey = key(OBJECT, object.objectId);
    const added = !this.db.doesExist(objectKey);
    this.db.putSync(objectKey, Buffer.from(this.encode(object, field)));
    if (field !== undefined) {
      this.db.putSync(key(FIELD, field.parent, object.objectId), Buffer.alloc(0));
    }
    if (object.owner.kind === 'address') {
      this.db.putSync(key(OWNED, object.owner.address, object.objectId), Buffer.alloc(0));
    }
    return added;
  }

  /** The object IDs indexed under `tag` and `id`, in key order. */
  private indexed(tag: number, id: string): string[] {
    const start = key(tag, id);
    const end = Buffer.concat([start, Buffer.alloc(ID_BYTES + 1, 0xff)]);
    const ids: string[] = [];
    for (const indexKey of this.db.getKeys({ start, end })) {
      ids.push(`0x${indexKey.subarray(indexKey.length - ID_BYTES).toString('hex')}`);
    }
    return ids;
  }

  private typeId(type: string): number {
    let id = this.typeIndex.get(type);
    if (id === undefined) {
      id = this.types.push(type) - 1;
      this.typeIndex.set(type, id);
    }
    return id;
  }

  private typeAt(id: number): string {
    const type = this.types[id];
    if (type === undefined) {
      throw new Error(`the cold store has no type ${id}`);
    }
    return type;
  }

  private encode(object: LedgerObject, field: DynamicFieldEntry | undefined): Uint8Array {
    return ColdObjectBcs.serialize({
      version: object.version,
      digest: object.digest,
      owner: encodeOwner(object.owner),
      type: this.typeId(object.type),
      contents: object.contents,
      previousTransaction: object.previousTransaction,
      field:
        field === undefined
          ? null
          : {
              parent: field.parent,
              nameType: this.typeId(field.nameType),
              nameBcs: field.nameBcs,
              valueType: this.typeId(field.valueType),
              childId: field.childId ?? null,
            },
    }).toBytes();
  }

  private decode(objectId: string, bytes: Uint8Array): ColdObject {
    const record = ColdObjectBcs.parse(bytes);
    const object: LedgerObject = {
      objectId,
      version: BigInt(record.version),
      digest: record.digest,
      owner: decodeOwner(record.owner),
      type: this.typeAt(record.type),
      contents: record.contents,
      previousTransaction: record.previousTransaction,
    };
    const field = record.field;
    return field === null
      ? { object }
      : {
          object,
          field: {
            parent: field.parent,
            fieldId: objectId,
            nameType: this.typeAt(field.nameType),
            nameBcs: field.nameBcs,
            valueType: this.typeAt(field.valueType),
            ...(field.childId === null ? {} : { childId: field.childId }),
          },
        };
  }
}

function encodeOwner(owner: ObjectOwner): typeof OwnerBcs.$inferInput {
  switch (owner.kind) {
    case 'address':
      return { Address: owner.address };
    case 'object':
      return { Object: owner.parent };
    case 'shared':
      return { Shared: owner.initialVersion };
    case 'immutable':
      return { Immutable: true };
  }
}

function decodeOwner(owner: typeof OwnerBcs.$inferType): ObjectOwner {
  switch (owner.$kind) {
    case 'Address':
      return { kind: 'address', address: owner.Address };
    case 'Object':
      return { kind: 'object', parent: owner.Object };
    case 'Shared':
      return { kind: 'shared', initialVersion: BigInt(owner.Shared) };
    case 'Immutable':
      return { kind: 'immutable' };
  }
}
