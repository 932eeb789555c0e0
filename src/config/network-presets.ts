/**
 * Where Walrus lives on each public network. Package IDs are listed oldest first: the first is the
 * original package, whose address the types it defined keep across upgrades; types added later
 * carry the address of the version that introduced them.
 */
export interface WalrusNetworkPreset {
  readonly network: 'mainnet' | 'testnet';
  readonly chainId: string;
  readonly grpcUrl: string;
  readonly stakingObjectId: string;
  readonly systemObjectId: string;
  /** `slashing::SlashingManager`, shared since the v3 upgrade. */
  readonly slashingManagerId: string;
  readonly walCoinType: string;
  /**
   * `walrus_subsidies::WalrusSubsidies`, which the storage nodes process around each epoch change
   * (`.claude/skills/inspect-walrus-network/SKILL.md` in MystenLabs/walrus).
   */
  readonly subsidiesObjectId: string;
  /**
   * `upgrade::UpgradeManager`, where committee votes for package upgrades are kept
   * (`docs/content/operator-guide/storage-nodes/commission-governance.mdx` in MystenLabs/walrus).
   */
  readonly upgradeManagerId: string;
  /** Versions of the `walrus_subsidies` package, original first (its `Published.toml`). */
  readonly subsidiesPackageVersions: readonly string[];
  /**
   * Every published version of the Walrus package, original first. At start-up the current
   * package's type-origin table is read from the chain as well; this list stands in when it
   * cannot be.
   */
  readonly packageVersions: readonly string[];
}

export const WALRUS_PRESETS: Record<WalrusNetworkPreset['network'], WalrusNetworkPreset> = {
  mainnet: {
    network: 'mainnet',
    chainId: '35834a8a',
    grpcUrl: 'https://fullnode.mainnet.sui.io:443',
    stakingObjectId: '0x10b9d30c28448939ce6c4d6c6e0ffce4a7f8a4ada8248bdad09ef8b70e4a3904',
    systemObjectId: '0x2134d52768ea07e8c43570ef975eb3e4c27a39fa6396bef985b5abc58d03ddd2',
    slashingManagerId: '0xfe343f7b72f67a1eca9bfc9dff0dac0520e11dca3bda5a0ea32816af6f722109',
    walCoinType: '0x356a26eb9e012a68958082340d4c4116e7f55615cf27affcff209cf0ae544f59::wal::WAL',
    subsidiesObjectId: '0xb2ce8bd6e372ea93422a167b52d1ac367d080f67a6c4356334aca8e96ba0577a',
    upgradeManagerId: '0xc42868ad4861f22bd1bcd886ae1858d5c007458f647a49e502d44da8bbd17b51',
    subsidiesPackageVersions: [
      '0x14b874da49e152d2b2910122330f7eb925d75bdb0a0f8e2c6b9b1162a5560a8c',
      '0xf1ddc03855755cbbfeed12198c8a58b95fe33c3527c6c5423b3061a3fdfbbebe',
    ],
    packageVersions: [
      '0xfdc88f7d7cf30afab2f82e8380d11ee8f70efb90e863d1de8616fae1bb09ea77',
      '0xfa65cb2d62f4d39e60346fb7d501c12538ca2bbc646eaa37ece2aec5f897814e',
      '0x98da433aa0139512c210597b1c5e3df6cd121d8d77f8652691bb66fadfc8aa1b',
    ],
  },
  testnet: {
    network: 'testnet',
    chainId: '4c78adac',
    grpcUrl: 'https://fullnode.testnet.sui.io:443',
    stakingObjectId: '0xbe46180321c30aab2f8b3501e24048377287fa708018a5b7c2792b35fe339ee3',
    systemObjectId: '0x6c2547cbbc38025cf3adac45f63cb0a8d12ecf777cdc75a4971612bf97fdf6af',
    slashingManagerId: '0xba59eb74de5c7707f830415ff9f64261d107d790bb65ab5835918eeac62daaee',
    walCoinType: '0x8270feb7375eee355e64fdb69c50abb6b5f9393a722883c1cf45f8e26048810a::wal::WAL',
    subsidiesObjectId: '0x21432c30c510a27432bda9349d9f3f0aff5b84285c369f67dfd3d3ef4cf4eb35',
    upgradeManagerId: '0xc768e475fd1527b7739884d7c3a3d1bc09ae422dfdba6b9ae94c1f128297283c',
    subsidiesPackageVersions: [
      '0x51b0bdfba7ac0ac232402fbb36e17769e41a5c93bb1271f3b7daf1cfea81ca4c',
      '0x0aeb403b32b6cc627de48aa791fd2f709977035a2b6bdc00dda247de89dce3a7',
    ],
    packageVersions: [
      '0xd84704c17fc870b8764832c535aa6b11f21a95cd6f5bb38a9b07d2cf42220c66',
      // v2, which introduced ProtocolVersionUpdated (testnet-contracts/walrus/Published.toml).
      '0xa998b8719ca1c0a6dc4e24a859bbb39f5477417f71885fbf2967a6510f699144',
      '0x849e95d2718938d66c37fb91df76d72f78526c1864c339bac415ce8ecda2d8cc',
    ],
  },
};
