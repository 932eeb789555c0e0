import { WALRUS_PRESETS } from 'src/config/network-presets';
import { TypeOriginNormalizer, type TypeOrigin } from 'src/chain/type-origin';
import { WALRUS_DATATYPES_BY_VERSION } from 'src/chain/walrus-datatypes';

/** A deployed package's type-origin table: each datatype at the version that introduced it. */
function deployedTable(versions: readonly string[]): TypeOrigin[] {
  return WALRUS_DATATYPES_BY_VERSION.flatMap((datatypes, index) =>
    datatypes.map((qualified) => {
      const [module = '', datatype = ''] = qualified.split('::');
      return { module, datatype, packageId: versions[index] ?? '' };
    }),
  );
}

describe('TypeOriginNormalizer', () => {
  const mainnet = WALRUS_PRESETS.mainnet;
  const normalizer = new TypeOriginNormalizer(mainnet.packageVersions);
  const [v1, v2, v3] = mainnet.packageVersions;

  it('maps every Walrus package version to the original package', () => {
    expect(normalizer.originalPackageId).toBe(v1);
    expect(normalizer.normalize(`${v3!}::events::PricesUpdated`)).toBe(`${v1!}::events::PricesUpdated`);
    expect(normalizer.normalize(`${v2!}::events::ProtocolVersionUpdated`)).toBe(
      `${v1!}::events::ProtocolVersionUpdated`,
    );
    expect(normalizer.normalize(`${v1!}::events::EpochChangeStart`)).toBe(`${v1!}::events::EpochChangeStart`);
  });

  it('normalises type parameters and leaves other packages alone', () => {
    const wal = mainnet.walCoinType;
    expect(normalizer.normalize(`0x2::coin::Coin<${wal}>`)).toBe(
      `0x0000000000000000000000000000000000000000000000000000000000000002::coin::Coin<${wal}>`,
    );
    expect(
      normalizer.normalize(`0x2::dynamic_field::Field<u64, ${v3!}::staking_inner::StakingInnerV1>`),
    ).toBe(
      `0x0000000000000000000000000000000000000000000000000000000000000002::dynamic_field::Field<u64,${v1!}::staking_inner::StakingInnerV1>`,
    );
  });

  it.each(['mainnet', 'testnet'] as const)(
    'recognises every datatype of the deployed %s package at the address it carries on chain',
    (network) => {
      const preset = WALRUS_PRESETS[network];
      const [original] = preset.packageVersions;
      const fromPreset = new TypeOriginNormalizer(preset.packageVersions);
      for (const origin of deployedTable(preset.packageVersions)) {
        expect(origin.packageId).not.toBe('');
        expect(fromPreset.normalize(`${origin.packageId}::${origin.module}::${origin.datatype}`)).toBe(
          `${original!}::${origin.module}::${origin.datatype}`,
        );
      }
    },
  );

  it('learns from the chain’s type-origin table the versions no list names', () => {
    const [v1, v2, v3] = WALRUS_PRESETS.testnet.packageVersions;
    // Only the original and the current package are known: v2 is learnt from the table.
    const normalizer = TypeOriginNormalizer.fromTypeOrigins(v1!, deployedTable([v1!, v2!, v3!]), [v3!]);
    expect(normalizer.packageVersions).toEqual([v1, v3, v2]);
    expect(normalizer.normalize(`${v2!}::events::ProtocolVersionUpdated`)).toBe(
      `${v1!}::events::ProtocolVersionUpdated`,
    );
    const withoutTable = new TypeOriginNormalizer([v1!, v3!]);
    expect(withoutTable.isPackageVersion(v2!)).toBe(false);
  });

  it('accepts short and upper-case addresses', () => {
    const short = new TypeOriginNormalizer(['0xA', '0xb']);
    expect(short.normalize('0xB::events::X')).toBe(`0x${'0'.repeat(63)}a::events::X`);
  });

  it('needs the original version', () => {
    expect(() => new TypeOriginNormalizer([])).toThrow('original version');
  });
});
