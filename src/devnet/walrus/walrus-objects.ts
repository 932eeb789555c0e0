import { bcs } from '@mysten/sui/bcs';
import * as W from 'src/chain/walrus-bcs';
import type { ObjectWrite, SuiLedger } from 'src/devnet/ledger/sui-ledger';

const DYNAMIC_FIELD = '0x2::dynamic_field::Field';
const OBJECT_ID_WRAPPER = '0x2::dynamic_object_field::Wrapper<0x2::object::ID>';

/**
 * Writers for the objects of the Walrus contracts, laid out as on chain: the inner state of
 * `Staking` and `System` sits in a dynamic field keyed by the u64 version, an `ExtendedField`'s
 * value in a dynamic field keyed by `extended_field::Key`, `ObjectTable` entries as dynamic object
 * fields, `Table` entries as dynamic fields.
 */
export class WalrusObjectWriter {
  constructor(
    private readonly ledger: SuiLedger,
    private readonly typeOrigin: string,
  ) {}

  /** A dynamic field `name → value` under `parent`, as a field object write. */
  dynamicField<N>(
    parent: string,
    nameType: string,
    nameSchema: { serialize: (value: N) => { toBytes: () => Uint8Array } },
    name: N,
    valueType: string,
    valueBytes: Uint8Array,
  ): ObjectWrite {
    const nameBcs = nameSchema.serialize(name).toBytes();
    const fieldId = this.ledger.dynamicFieldId(parent, nameType, nameBcs);
    const contents = new Uint8Array([...bcs.Address.serialize(fieldId).toBytes(), ...nameBcs, ...valueBytes]);
    return {
      objectId: fieldId,
      owner: { kind: 'object', parent },
      type: `${DYNAMIC_FIELD}<${nameType}, ${valueType}>`,
      contents,
      dynamicField: { parent, nameType, nameBcs, valueType },
    };
  }

  /** The value of an `ExtendedField<T>` whose UID is `extendedFieldId`. */
  extendedFieldValue(extendedFieldId: string, valueType: string, valueBytes: Uint8Array): ObjectWrite {
    return this.dynamicField(
      extendedFieldId,
      `${this.typeOrigin}::extended_field::Key`,
      W.ExtendedFieldKey,
      { dummy_field: false },
      valueType,
      valueBytes,
    );
  }

  /** The inner state of a versioned root (`Staking`, `System`). */
  versionedInner(rootId: string, version: bigint, valueType: string, valueBytes: Uint8Array): ObjectWrite {
    return this.dynamicField(rootId, 'u64', bcs.u64(), version, valueType, valueBytes);
  }

  /**
   * An `ObjectTable<ID, V>` entry: the field object maps the wrapped key to the child's ID, and the
   * child object itself is owned by that field object.
   */
  objectTableEntry(
    tableId: string,
    childId: string,
    childType: string,
    childBytes: Uint8Array,
  ): ObjectWrite[] {
    const field = this.dynamicField(
      tableId,
      OBJECT_ID_WRAPPER,
      bcs.struct('Wrapper', { name: bcs.Address }),
      { name: childId },
      '0x2::object::ID',
      bcs.Address.serialize(childId).toBytes(),
    );
    const fieldWithChild: ObjectWrite = {
      ...field,
      dynamicField: field.dynamicField === undefined ? undefined : { ...field.dynamicField, childId },
    };
    return [
      fieldWithChild,
      {
        objectId: childId,
        owner: { kind: 'object', parent: field.objectId },
        type: childType,
        contents: childBytes,
      },
    ];
  }
}
