import { WALRUS_PRESETS } from 'src/config/network-presets';
import { TypeOriginNormalizer } from 'src/chain/type-origin';

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

  it('accepts short and upper-case addresses', () => {
    const short = new TypeOriginNormalizer(['0xA', '0xb']);
    expect(short.normalize('0xB::events::X')).toBe(`0x${'0'.repeat(63)}a::events::X`);
  });

  it('needs the original version', () => {
    expect(() => new TypeOriginNormalizer([])).toThrow('original version');
  });
});
