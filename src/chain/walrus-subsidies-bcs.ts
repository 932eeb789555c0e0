import { bcs } from '@mysten/sui/bcs';
import { Balance, Collection, DynamicField } from 'src/chain/walrus-bcs';

// The `walrus_subsidies` package (MystenLabs/walrus mainnet-contracts/walrus_subsidies), a package
// of its own beside Walrus, with its own type origin.

/** `walrus_subsidies::WalrusSubsidies`: the shared object; its state is a dynamic field. */
export const WalrusSubsidies = bcs.struct('WalrusSubsidies', {
  id: bcs.Address,
  version: bcs.u64(),
  package_id: bcs.Address,
});

/** `SubsidiesInnerKey()`: an empty struct, which Move gives one `dummy_field`. */
export const SubsidiesInnerKey = bcs.struct('SubsidiesInnerKey', { dummy_field: bcs.bool() });

export const EpochBalance = bcs.struct('EpochBalance', { epoch: bcs.u32(), balance: bcs.u64() });

export const EpochBalanceRingBuffer = bcs.struct('EpochBalanceRingBuffer', {
  current_index: bcs.u32(),
  ring_buffer: bcs.vector(EpochBalance),
});

export const WalrusSubsidiesInnerV1 = bcs.struct('WalrusSubsidiesInnerV1', {
  /** Usage subsidy in basis points of new storage payments (10 000 = 100%). */
  system_subsidy_rate: bcs.u32(),
  subsidy_pool: Balance,
  base_subsidy: bcs.u64(),
  subsidy_per_shard: bcs.u64(),
  /** The last epoch whose committee was paid the fixed-rate subsidy. */
  latest_epoch: bcs.u32(),
  /** Each future reward bucket as last subsidised, payments and subsidies together. */
  already_subsidized_balances: EpochBalanceRingBuffer,
  last_subsidized_ts: bcs.u64(),
  extra_fields: Collection,
});

export const SubsidiesInnerField = DynamicField(SubsidiesInnerKey, WalrusSubsidiesInnerV1);

export function subsidiesTypes(typeOrigin: string) {
  return {
    subsidies: `${typeOrigin}::walrus_subsidies::WalrusSubsidies`,
    innerKey: `${typeOrigin}::walrus_subsidies::SubsidiesInnerKey`,
    inner: `${typeOrigin}::walrus_subsidies_inner::WalrusSubsidiesInnerV1`,
  };
}
