import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { ColdObjectStore, type ColdObject } from 'src/devnet/ledger/cold-object-store';
import type { LedgerObject, ObjectOwner } from 'src/devnet/ledger/sui-ledger';

const id = (n: number): string => normalizeSuiAddress(`0x${n.toString(16)}`);

function object(n: number, owner: ObjectOwner): LedgerObject {
  return {
    objectId: id(n),
    version: 2n ** 40n + BigInt(n),
    digest: `digest-${n}`,
    owner,
    type: `0x2::dynamic_field::Field<u32, 0x${n}::m::T>`,
    contents: Uint8Array.from([n, 0, 255, n]),
    previousTransaction: `transaction-${n}`,
  };
}

describe('ColdObjectStore', () => {
  let store: ColdObjectStore;

  beforeEach(() => {
    store = ColdObjectStore.temporary(tmpdir());
  });

  afterEach(async () => {
    await store.close();
  });

  it('gives back every owner kind and dynamic-field entry exactly as it was put', () => {
    const parent = id(1000);
    const entries: ColdObject[] = [
      { object: object(1, { kind: 'address', address: id(7) }) },
      { object: object(2, { kind: 'shared', initialVersion: 2n ** 63n }) },
      { object: object(3, { kind: 'immutable' }) },
      {
        object: object(4, { kind: 'object', parent }),
        field: {
          parent,
          fieldId: id(4),
          nameType: 'u32',
          nameBcs: Uint8Array.from([4, 0, 0, 0]),
          valueType: '0x1::m::Rate',
        },
      },
      {
        object: object(5, { kind: 'object', parent }),
        field: {
          parent,
          fieldId: id(5),
          nameType: '0x2::object::ID',
          nameBcs: Uint8Array.from({ length: 32 }, () => 9),
          valueType: '0x1::m::Node',
          childId: id(55),
        },
      },
    ];
    store.putAll(entries);
    expect(store.size).toBe(5);
    for (const entry of entries) {
      expect(store.get(entry.object.objectId)).toEqual(entry);
    }
    expect(store.fieldsOf(parent)).toEqual([entries[3]?.field, entries[4]?.field]);
    expect(store.fieldsOf(id(1001))).toEqual([]);
    expect(store.ownedBy(id(7))).toEqual([entries[0]?.object]);
    expect(store.get(id(6))).toBeUndefined();
  });

  it('forgets an object taken out, with its index entries, and counts it once when put twice', () => {
    const parent = id(2000);
    const field: ColdObject = {
      object: object(8, { kind: 'object', parent }),
      field: { parent, fieldId: id(8), nameType: 'u32', nameBcs: new Uint8Array(4), valueType: 'u64' },
    };
    const owned: ColdObject = { object: object(9, { kind: 'address', address: id(77) }) };
    store.putAll([field, owned]);
    store.putAll([owned]);
    expect(store.size).toBe(2);

    expect(store.take(id(8))).toEqual(field);
    expect(store.take(id(9))).toEqual(owned);
    expect(store.take(id(9))).toBeUndefined();
    expect(store.size).toBe(0);
    expect(store.fieldsOf(parent)).toEqual([]);
    expect(store.ownedBy(id(77))).toEqual([]);
  });

  it('refuses a package, which the ledger keeps in memory', () => {
    const withPackage: LedgerObject = {
      ...object(10, { kind: 'immutable' }),
      movePackage: { originalId: id(10), version: 1n, typeOrigins: [] },
    };
    expect(() => {
      store.putAll([{ object: withPackage }]);
    }).toThrow(/stays in memory/);
    expect(store.size).toBe(0);
  });

  it('leaves no directory behind, even before it is closed, and may be closed twice', async () => {
    const other = ColdObjectStore.temporary(tmpdir());
    expect(existsSync(other.location)).toBe(false);
    other.putAll(Array.from({ length: 2000 }, (_, n) => ({ object: object(n, { kind: 'immutable' }) })));
    expect(other.get(id(1999))?.object).toEqual(object(1999, { kind: 'immutable' }));
    expect(other.fileBytes).toBeGreaterThan(2000 * 50);
    await other.close();
    await other.close();
  });
});
