import { bcs } from '@mysten/sui/bcs';
import * as W from 'src/chain/walrus-bcs';
import { SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { LedgerExchangeRates, RATES_KEPT_IN_MEMORY } from 'src/devnet/walrus/ledger-exchange-rates';
import { WalrusObjectWriter } from 'src/devnet/walrus/walrus-objects';
import { FLAT_RATE, type PoolExchangeRate } from 'src/domain/staking/exchange-rate';

const EPOCHS = RATES_KEPT_IN_MEMORY * 3;

function rateAt(epoch: number): PoolExchangeRate {
  return epoch === 0
    ? FLAT_RATE
    : { kind: 'Variable', walAmount: 10n ** 30n + BigInt(epoch), shareAmount: 10n ** 29n + BigInt(epoch) };
}

/** A pool's table on a ledger, and its rates set epoch by epoch, each written as the contract does. */
function poolTable(
  options: { unwritten?: ReadonlySet<number>; recorded?: (epoch: number) => boolean } = {},
): {
  rates: LedgerExchangeRates;
  expected: Map<number, PoolExchangeRate>;
} {
  const ledger = new SuiLedger({ chainId: 'test', seed: 'rates' });
  const writer = new WalrusObjectWriter(ledger, '0x1');
  const tableId = ledger.newObjectId();
  const rates = new LedgerExchangeRates(ledger, () => tableId);
  const expected = new Map<number, PoolExchangeRate>();
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    if (options.recorded?.(epoch) === false) {
      continue;
    }
    const rate = rateAt(epoch);
    rates.set(epoch, rate);
    expected.set(epoch, rate);
    if (options.unwritten?.has(epoch) !== true) {
      const value = W.PoolExchangeRate.serialize(
        rate.kind === 'Flat' ? { Flat: true } : { Variable: [rate.walAmount, rate.shareAmount] },
      ).toBytes();
      ledger.execute({
        sender: '0x1',
        calls: [],
        writes: [writer.dynamicField(tableId, 'u32', bcs.u32(), epoch, '0x1::r::R', value)],
      });
    }
  }
  return { rates, expected };
}

describe('LedgerExchangeRates', () => {
  it('reads as the whole table while only the recent rates stay in memory', () => {
    const { rates, expected } = poolTable();
    expect(rates.inMemory).toBeLessThanOrEqual(RATES_KEPT_IN_MEMORY + 1);
    expect(rates.size).toBe(EPOCHS);
    expect(rates.get(0)).toEqual(FLAT_RATE);
    expect(rates.get(7)).toEqual(rateAt(7));
    expect(rates.has(EPOCHS - 1)).toBe(true);
    expect(rates.has(EPOCHS)).toBe(false);
    expect(rates.get(-1)).toBeUndefined();
    expect([...rates]).toEqual([...expected]);
    expect([...rates.keys()]).toEqual([...expected.keys()]);
    expect([...rates.values()]).toEqual([...expected.values()]);
  });

  it('answers for the epochs a pool recorded no rate in (outside the committee), archived or not', () => {
    // Recorded in runs: 0–49, 80–149, 200 on; nothing in between.
    const recorded = (epoch: number) => epoch < 50 || (epoch >= 80 && epoch < 150) || epoch >= 200;
    const { rates, expected } = poolTable({ recorded });
    expect(rates.inMemory).toBeLessThanOrEqual(RATES_KEPT_IN_MEMORY + 1);
    expect(rates.size).toBe(expected.size);
    for (const epoch of [0, 49, 50, 79, 80, 149, 150, 199, 200, EPOCHS - 1, EPOCHS]) {
      expect(rates.get(epoch)).toEqual(expected.get(epoch));
    }
    expect([...rates]).toEqual([...expected]);
  });

  it('refuses to change or remove an archived rate, as the contract never does', () => {
    const { rates } = poolTable();
    expect(() => rates.set(3, FLAT_RATE)).toThrow(/epoch 3 is archived/);
    expect(() => rates.delete(3)).toThrow(/epoch 3 is archived/);
    expect(rates.get(3)).toEqual(rateAt(3));
  });

  it('keeps in memory a rate that is not on the ledger yet, and everything after it', () => {
    const { rates, expected } = poolTable({ unwritten: new Set([RATES_KEPT_IN_MEMORY + 10]) });
    expect(rates.inMemory).toBeGreaterThan(RATES_KEPT_IN_MEMORY);
    expect(rates.get(RATES_KEPT_IN_MEMORY + 10)).toEqual(rateAt(RATES_KEPT_IN_MEMORY + 10));
    expect([...rates]).toEqual([...expected]);
  });
});
