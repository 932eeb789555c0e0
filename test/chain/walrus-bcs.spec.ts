import { join } from 'node:path';
import type { BcsType } from '@mysten/sui/bcs';
import * as walrusBcs from 'src/chain/walrus-bcs';

/**
 * The @mysten/walrus SDK ships the BCS bindings it generated from the Walrus contracts, without
 * exporting them; loading them by path lets these tests check our layouts against Mysten's.
 */
const SDK_CONTRACTS = join(
  __dirname,
  '..',
  '..',
  'node_modules',
  '@mysten',
  'walrus',
  'dist',
  'contracts',
  'walrus',
);

function sdk<T>(module: string, name: string): BcsType<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(join(SDK_CONTRACTS, `${module}.mjs`)) as Record<string, BcsType<T>>;
  const schema = loaded[name];
  if (schema === undefined) {
    throw new Error(`the SDK has no ${module}::${name}`);
  }
  return schema;
}

const address = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

describe('Walrus BCS layouts agree with the @mysten/walrus generated bindings', () => {
  it('StakingInnerV1 (with every option and enum filled)', () => {
    const value = {
      n_shards: 1000,
      epoch_duration: '1209600000',
      first_epoch_start: '1742900000000',
      pools: { id: address(1), size: '2' },
      epoch: 7,
      active_set: { id: address(2) },
      next_committee: { pos0: { contents: [{ key: address(3), value: [0, 1, 2] }] } },
      committee: { pos0: { contents: [{ key: address(4), value: [5, 3] }] } },
      previous_committee: { pos0: { contents: [] } },
      next_epoch_params: {
        total_capacity_size: '1000000',
        storage_price_per_unit_size: '18446744073709551615',
        write_price_per_unit_size: '18446744073709551615',
      },
      epoch_state: { NextParamsSelected: '1742900001234' },
      next_epoch_public_keys: { id: address(5) },
    };
    const bytes = walrusBcs.StakingInnerV1.serialize(value).toBytes();
    const decoded = sdk<Record<string, unknown>>('staking_inner', 'StakingInnerV1').parse(bytes);
    expect(decoded).toMatchObject({
      n_shards: 1000,
      epoch: 7,
      epoch_state: { $kind: 'NextParamsSelected', NextParamsSelected: '1742900001234' },
      committee: [{ contents: [{ key: address(4), value: [5, 3] }] }],
      next_committee: [{ contents: [{ key: address(3), value: [0, 1, 2] }] }],
    });
  });

  it('StakingPool, with its StorageNodeInfo and PendingValues', () => {
    const value = {
      id: address(9),
      state: { Withdrawing: 12 },
      voting_params: { storage_price: '11000', write_price: '20000', node_capacity: '15000000000000' },
      node_info: {
        name: 'node-9',
        node_id: address(9),
        network_address: 'node-9.tusk.local:9185',
        public_key: { bytes: Array.from({ length: 96 }, (_, i) => i) },
        next_epoch_public_key: null,
        network_public_key: Array.from({ length: 33 }, () => 7),
        metadata: { id: address(10) },
      },
      activation_epoch: 1,
      latest_epoch: 6,
      wal_balance: '5000000000000',
      num_shares: '4000000000000',
      pending_shares_withdraw: { pos0: { contents: [{ key: 8, value: '100' }] } },
      pre_active_withdrawals: { pos0: { contents: [] } },
      pending_commission_rate: { pos0: { contents: [{ key: 9, value: '2500' }] } },
      commission_rate: 6000,
      exchange_rates: { id: address(11), size: '6' },
      pending_stake: { pos0: { contents: [{ key: 8, value: '7000000000' }] } },
      rewards_pool: { value: '123' },
      commission: { value: '45' },
      commission_receiver: { ObjectID: address(12) },
      governance_authorized: { Address: address(13) },
      extra_fields: { id: address(14), size: '0' },
    };
    const bytes = walrusBcs.StakingPool.serialize(value).toBytes();
    const decoded = sdk<Record<string, unknown>>('staking_pool', 'StakingPool').parse(bytes);
    expect(decoded).toMatchObject({
      id: address(9),
      state: { $kind: 'Withdrawing', Withdrawing: 12 },
      node_info: { name: 'node-9', network_address: 'node-9.tusk.local:9185' },
      commission_rate: 6000,
      pending_commission_rate: [{ contents: [{ key: 9, value: '2500' }] }],
      commission_receiver: { $kind: 'ObjectID', ObjectID: address(12) },
      extra_fields: { id: address(14), size: '0' },
    });
  });

  it('SystemStateInnerV1 and the Staking/System headers', () => {
    const system = {
      committee: {
        members: [{ public_key: { bytes: [1, 2, 3] }, weight: 1000, node_id: address(4) }],
        n_shards: 1000,
        epoch: 7,
        total_aggregated_key: { bytes: [9] },
      },
      total_capacity_size: '100',
      used_capacity_size: '40',
      storage_price_per_unit_size: '11000',
      write_price_per_unit_size: '20000',
      future_accounting: {
        current_index: 0,
        length: 2,
        ring_buffer: [
          { epoch: 7, used_capacity: '40', rewards_to_distribute: { value: '4770' } },
          { epoch: 8, used_capacity: '0', rewards_to_distribute: { value: '0' } },
        ],
      },
      event_blob_certification_state: {
        latest_certified_blob: null,
        aggregate_weight_per_blob: { contents: [] },
      },
      deny_list_sizes: { id: address(6) },
    };
    const decoded = sdk<Record<string, unknown>>('system_state_inner', 'SystemStateInnerV1').parse(
      walrusBcs.SystemStateInnerV1.serialize(system).toBytes(),
    );
    expect(decoded).toMatchObject({ committee: { n_shards: 1000, epoch: 7 }, used_capacity_size: '40' });

    const header = { id: address(1), version: '3', package_id: address(2), new_package_id: null };
    for (const [module, name] of [
      ['staking', 'Staking'],
      ['system', 'System'],
    ] as const) {
      const parsed = sdk<Record<string, unknown>>(module, name).parse(
        walrusBcs.VersionedRoot.serialize(header).toBytes(),
      );
      expect(parsed).toEqual(header);
    }
  });
});
