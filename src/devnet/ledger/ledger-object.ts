/* The ledger's objects as it stores them, apart from the ledger, so that its stores and views can name them. */

export type ObjectOwner =
  | { readonly kind: 'address'; readonly address: string }
  | { readonly kind: 'object'; readonly parent: string }
  | { readonly kind: 'shared'; readonly initialVersion: bigint }
  | { readonly kind: 'immutable' };

/** One version of an object, as the ledger stores it. */
export interface LedgerObject {
  readonly objectId: string;
  readonly version: bigint;
  readonly digest: string;
  readonly owner: ObjectOwner;
  /** Full Move type, e.g. `0x…::staking_pool::StakingPool`. */
  readonly type: string;
  /** BCS of the Move struct. */
  readonly contents: Uint8Array;
  readonly previousTransaction: string;
  /** A Move package: its original ID and type-origin table. */
  readonly movePackage?: {
    readonly originalId: string;
    readonly version: bigint;
    readonly typeOrigins: readonly { module: string; datatype: string; packageId: string }[];
  };
}

/** A dynamic field of a parent object: the field object holds `Field<Name, Value>`. */
export interface DynamicFieldEntry {
  readonly parent: string;
  readonly fieldId: string;
  readonly nameType: string;
  readonly nameBcs: Uint8Array;
  readonly valueType: string;
  /** For dynamic object fields: the ID of the child object. */
  readonly childId?: string;
}
