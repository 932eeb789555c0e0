import { GrpcTypes } from '@mysten/sui/grpc';
import type { LedgerObject, ObjectOwner } from 'src/devnet/ledger/ledger-object';

/*
 * The ledger's objects as a full node's gRPC API shows them: owners, objects and the changed-object
 * entries of transaction effects, in `@mysten/sui`'s own protobuf messages.
 */

export function toProtoOwner(owner: ObjectOwner): GrpcTypes.Owner {
  switch (owner.kind) {
    case 'address':
      return GrpcTypes.Owner.create({ kind: GrpcTypes.Owner_OwnerKind.ADDRESS, address: owner.address });
    case 'object':
      return GrpcTypes.Owner.create({ kind: GrpcTypes.Owner_OwnerKind.OBJECT, address: owner.parent });
    case 'shared':
      return GrpcTypes.Owner.create({
        kind: GrpcTypes.Owner_OwnerKind.SHARED,
        version: owner.initialVersion,
      });
    case 'immutable':
      return GrpcTypes.Owner.create({ kind: GrpcTypes.Owner_OwnerKind.IMMUTABLE });
  }
}

export function toProtoObject(object: LedgerObject): GrpcTypes.Object {
  return GrpcTypes.Object.create({
    objectId: object.objectId,
    version: object.version,
    digest: object.digest,
    owner: toProtoOwner(object.owner),
    objectType: object.type,
    contents: GrpcTypes.Bcs.create({ name: object.type, value: object.contents }),
    previousTransaction: object.previousTransaction,
    package:
      object.movePackage === undefined
        ? undefined
        : GrpcTypes.Package.create({
            storageId: object.objectId,
            originalId: object.movePackage.originalId,
            version: object.movePackage.version,
            typeOrigins: object.movePackage.typeOrigins.map((origin) => ({
              moduleName: origin.module,
              datatypeName: origin.datatype,
              packageId: origin.packageId,
            })),
          }),
  });
}

export function changedObject(
  before: LedgerObject | undefined,
  after: LedgerObject,
): GrpcTypes.ChangedObject {
  return GrpcTypes.ChangedObject.create({
    objectId: after.objectId,
    inputState:
      before === undefined
        ? GrpcTypes.ChangedObject_InputObjectState.DOES_NOT_EXIST
        : GrpcTypes.ChangedObject_InputObjectState.EXISTS,
    inputVersion: before?.version,
    inputDigest: before?.digest,
    inputOwner: before === undefined ? undefined : toProtoOwner(before.owner),
    outputState: GrpcTypes.ChangedObject_OutputObjectState.OBJECT_WRITE,
    outputVersion: after.version,
    outputDigest: after.digest,
    outputOwner: toProtoOwner(after.owner),
    idOperation:
      before === undefined
        ? GrpcTypes.ChangedObject_IdOperation.CREATED
        : GrpcTypes.ChangedObject_IdOperation.NONE,
    objectType: after.type,
  });
}
