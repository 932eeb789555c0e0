import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { TypeOrigin } from 'src/chain/type-origin';

export interface PackageTypeOrigins {
  readonly originalId: string;
  readonly version: bigint;
  readonly typeOrigins: readonly TypeOrigin[];
}

/**
 * A package's type-origin table as the chain holds it: which version introduced each datatype,
 * and so which address its events and objects carry. Reads only the table, not the bytecode.
 */
export async function readPackageTypeOrigins(
  client: SuiGrpcClient,
  packageId: string,
): Promise<PackageTypeOrigins> {
  const { response } = await client.ledgerService.getObject({
    objectId: packageId,
    readMask: { paths: ['package.original_id', 'package.version', 'package.type_origins'] },
  });
  const movePackage = response.object?.package;
  if (movePackage?.originalId === undefined) {
    throw new Error(`${packageId} is not a Move package`);
  }
  const typeOrigins = movePackage.typeOrigins.flatMap((origin) =>
    origin.moduleName === undefined || origin.datatypeName === undefined || origin.packageId === undefined
      ? []
      : [
          {
            module: origin.moduleName,
            datatype: origin.datatypeName,
            packageId: normalizeSuiAddress(origin.packageId),
          },
        ],
  );
  return {
    originalId: normalizeSuiAddress(movePackage.originalId),
    version: movePackage.version ?? 0n,
    typeOrigins,
  };
}
