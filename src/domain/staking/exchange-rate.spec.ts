import {
  calculateRewards,
  exchangeRate,
  rewardsPerEpoch,
  type PoolExchangeRate,
} from 'src/domain/staking/exchange-rate';

const WAL = 1_000_000_000n;

describe('exchangeRate', () => {
  it('is flat for an empty pool and refuses more shares than WAL, as pool_exchange_rate::new', () => {
    expect(exchangeRate(0n, 0n)).toEqual({ kind: 'Flat' });
    expect(exchangeRate(5n * WAL, 0n)).toEqual({ kind: 'Flat' });
    expect(exchangeRate(5n * WAL, 5n * WAL)).toEqual({
      kind: 'Variable',
      walAmount: 5n * WAL,
      shareAmount: 5n * WAL,
    });
    expect(() => exchangeRate(5n * WAL, 5n * WAL + 1n)).toThrow('pool_exchange_rate::EInvalidRate, code 0');
  });
});

describe('rewardsPerEpoch', () => {
  // A pool at par until epoch 2, then +10% in epoch 2 and +5% in epoch 3 (rates recorded at the
  // start of the next epoch), and nothing in epoch 4.
  const rates = new Map<number, PoolExchangeRate>([
    [1, exchangeRate(100n * WAL, 100n * WAL)],
    [2, exchangeRate(100n * WAL, 100n * WAL)],
    [3, exchangeRate(110n * WAL, 100n * WAL)],
    [4, exchangeRate(115_500_000_000n, 100n * WAL)],
    [5, exchangeRate(115_500_000_000n, 100n * WAL)],
  ]);

  it('splits the rewards to date by the epoch they were earned in, adding up exactly', () => {
    const earned = rewardsPerEpoch(rates, 1, 20n * WAL, 2, 5);
    expect(earned).toEqual([
      { epoch: 2, rewards: 2n * WAL },
      { epoch: 3, rewards: 1_100_000_000n },
      { epoch: 4, rewards: 0n },
    ]);
    const total = earned.reduce((sum, entry) => sum + entry.rewards, 0n);
    expect(total).toBe(calculateRewards(rates, 1, 20n * WAL, 2, 5));
  });

  it('starts at a later epoch when asked, and earns nothing before activation or at its withdrawal', () => {
    expect(rewardsPerEpoch(rates, 1, 20n * WAL, 2, 5, 4)).toEqual([{ epoch: 4, rewards: 0n }]);
    expect(rewardsPerEpoch(rates, 1, 20n * WAL, 3, 3)).toEqual([]);
    // Staked from epoch 3: the 10% of epoch 2 is not its own.
    expect(rewardsPerEpoch(rates, 1, 22n * WAL, 3, 4)).toEqual([{ epoch: 3, rewards: 1_100_000_000n }]);
  });
});
