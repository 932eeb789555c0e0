import { normalizeStructTag, normalizeSuiAddress, parseStructTag } from '@mysten/sui/utils';

type StructTag = ReturnType<typeof parseStructTag>;

/** One row of a package's type-origin table: the version whose address a datatype carries. */
export interface TypeOrigin {
  readonly module: string;
  readonly datatype: string;
  readonly packageId: string;
}

/**
 * Maps Move types from any version of a package to the package's original ID, so that an event or
 * object type compares equal whichever upgrade introduced it. Addresses of other packages (the Sui
 * framework, WAL) are left alone; type parameters are normalised recursively.
 */
export class TypeOriginNormalizer {
  private readonly original: string;
  private readonly versions: Set<string>;

  /** `packageVersions`: every published version of the package, the original first. */
  constructor(packageVersions: readonly string[]) {
    const [first] = packageVersions;
    if (first === undefined) {
      throw new Error('a package needs at least its original version');
    }
    this.original = normalizeSuiAddress(first);
    this.versions = new Set(packageVersions.map((id) => normalizeSuiAddress(id)));
  }

  /**
   * From a package's type-origin table as the chain holds it, with the versions known otherwise
   * (presets, the Staking object's package): every address a type of the package can carry.
   */
  static fromTypeOrigins(
    originalId: string,
    typeOrigins: readonly TypeOrigin[],
    knownVersions: readonly string[] = [],
  ): TypeOriginNormalizer {
    return new TypeOriginNormalizer([
      originalId,
      ...knownVersions,
      ...typeOrigins.map((origin) => origin.packageId),
    ]);
  }

  get originalPackageId(): string {
    return this.original;
  }

  /** Every version, normalised, the original first. */
  get packageVersions(): readonly string[] {
    return [...this.versions];
  }

  /** A version learnt while following the chain (an upgrade's `ContractUpgraded`); true if new. */
  addVersion(packageId: string): boolean {
    const id = normalizeSuiAddress(packageId);
    if (this.versions.has(id)) {
      return false;
    }
    this.versions.add(id);
    return true;
  }

  isPackageVersion(address: string): boolean {
    return this.versions.has(normalizeSuiAddress(address));
  }

  /** `0x<any version>::events::PricesUpdated` → `0x<original>::events::PricesUpdated`. */
  normalize(type: string): string {
    return normalizeStructTag(this.normalizeTag(parseStructTag(type)));
  }

  private normalizeTag(tag: StructTag): StructTag {
    return {
      ...tag,
      address: this.isPackageVersion(tag.address) ? this.original : normalizeSuiAddress(tag.address),
      typeParams: tag.typeParams.map((param) =>
        typeof param === 'string' ? param : this.normalizeTag(param),
      ),
    };
  }
}
