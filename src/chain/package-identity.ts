import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { normalizeSuiAddress, parseStructTag } from '@mysten/sui/utils';
import { classifyChainError, RetryableChainError } from 'src/chain/chain-errors';
import { readPackageTypeOrigins } from 'src/chain/package-type-origins';
import { TypeOriginNormalizer } from 'src/chain/type-origin';
import { VersionedRoot } from 'src/chain/walrus-bcs';
import { WalrusSubsidies } from 'src/chain/walrus-subsidies-bcs';

/** Where a log line about the packages goes. */
export interface PackageLog {
  log(message: string): void;
  warn(message: string): void;
}

/** A package a shared object belongs to: the address its types carry, and every version's. */
export interface PackageOfObject {
  readonly objectId: string;
  readonly normalizer: TypeOriginNormalizer;
}

/**
 * Finds the packages behind the Walrus objects: the original from the object's type, the current
 * version from the object's `package_id`, and every version in between from the current
 * package's type-origin table as the chain holds it, with the versions known otherwise beside
 * them. A chain that cannot serve the table leaves the known versions, said in the log.
 */
export class PackageIdentity {
  constructor(
    private readonly client: SuiGrpcClient,
    private readonly logger: PackageLog,
  ) {}

  /** The Walrus package, from the `Staking` object. */
  async walrus(stakingObjectId: string, knownVersions: readonly string[]): Promise<TypeOriginNormalizer> {
    const { object } = await this.client.core.getObject({
      objectId: stakingObjectId,
      include: { content: true },
    });
    const origin = normalizeSuiAddress(parseStructTag(object.type).address);
    const current = normalizeSuiAddress(VersionedRoot.parse(object.content).package_id);
    return this.versionsOf(origin, current, knownVersions);
  }

  /** The `walrus_subsidies` package, from its shared object; undefined when there is none. */
  async subsidies(
    objectId: string | undefined,
    knownVersions: readonly string[],
  ): Promise<PackageOfObject | undefined> {
    if (objectId === undefined) {
      return undefined;
    }
    const { object } = await this.client.core.getObject({ objectId, include: { content: true } });
    const origin = normalizeSuiAddress(parseStructTag(object.type).address);
    const current = normalizeSuiAddress(WalrusSubsidies.parse(object.content).package_id);
    return {
      objectId: normalizeSuiAddress(objectId),
      normalizer: await this.versionsOf(origin, current, knownVersions),
    };
  }

  private async versionsOf(
    origin: string,
    current: string,
    knownVersions: readonly string[],
  ): Promise<TypeOriginNormalizer> {
    const known = [...knownVersions, current].map((id) => normalizeSuiAddress(id));
    try {
      const table = await readPackageTypeOrigins(this.client, current);
      const normalizer = TypeOriginNormalizer.fromTypeOrigins(origin, table.typeOrigins, known);
      const unlisted = normalizer.packageVersions.filter((id) => id !== origin && !known.includes(id));
      if (unlisted.length > 0) {
        this.logger.log(
          `the chain's type-origin table of ${origin} adds package versions ${unlisted.join(', ')}`,
        );
      }
      return normalizer;
    } catch (error) {
      if (classifyChainError(error) instanceof RetryableChainError) {
        throw error;
      }
      this.logger.warn(
        `could not read the type-origin table of package ${current} ` +
          `(${error instanceof Error ? error.message : String(error)}); using the known package versions`,
      );
      return new TypeOriginNormalizer([origin, ...known]);
    }
  }
}
