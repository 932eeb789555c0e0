import { nodeIdOf } from 'src/domain/testing/node-ids';
import { exchangeRate, FLAT_RATE } from 'src/domain/staking/exchange-rate';
import {
  canWithdrawEarly,
  joinStakedWal,
  setWithdrawing,
  splitStakedWal,
  type WalrusContext,
} from 'src/domain/staking/staked-wal';
import { StakingPool, type CommissionRule } from 'src/domain/staking/staking-pool';
import { loadMoveVectors } from 'test/support/move-vectors';

const WAL = 1_000_000_000n;
const NODE = nodeIdOf(1);
const vectors = loadMoveVectors();

function at(epoch: number, committeeSelected = false): WalrusContext {
  return { epoch, committeeSelected };
}

function newPool(commissionRate = 0): StakingPool {
  return new StakingPool({ nodeId: NODE, commissionRate, wctx: at(0) });
}

describe('staking pool (staking_pool_tests)', () => {
  it('names its scenarios in the shared vectors', () => {
    expect(vectors.pool.map((p) => p.name)).toEqual([
      'single staker gets rewards',
      'two stakers, two reward epochs',
      'commission',
    ]);
  });

  it('single staker gets rewards: stake 1000 at E0, +1000 at E2, withdraw 2000', () => {
    const pool = newPool();
    const staked = pool.stake(1000n * WAL, at(0));
    expect(staked.activationEpoch).toBe(1);
    pool.advanceEpoch(0n, at(1));
    pool.advanceEpoch(1000n * WAL, at(2));
    const withdrawing = pool.requestWithdrawStake(staked, true, false, at(2));
    expect(withdrawing.state).toEqual({ kind: 'Withdrawing', withdrawEpoch: 3 });
    pool.advanceEpoch(0n, at(3));
    const paid = pool.withdrawStake(withdrawing, true, false, at(3));
    expect(paid.principal + paid.rewards).toBe(2000n * WAL);
    expect(pool.walBalance).toBe(0n);
  });

  it('two stakers, two reward epochs: rates and payouts match the Move test', () => {
    const pool = newPool();
    const a = pool.stake(1000n * WAL, at(0));
    pool.advanceEpoch(0n, at(1));
    const b = pool.stake(2000n * WAL, at(1));
    pool.advanceEpoch(1000n * WAL, at(2));
    const aWithdrawing = pool.requestWithdrawStake(a, true, false, at(2));
    pool.advanceEpoch(1000n * WAL, at(3));
    const bWithdrawing = pool.requestWithdrawStake(b, true, false, at(3));
    pool.advanceEpoch(0n, at(4));

    expect(pool.exchangeRateAtEpoch(1)).toEqual(FLAT_RATE);
    expect(pool.exchangeRateAtEpoch(2)).toEqual(exchangeRate(2000n * WAL, 1000n * WAL));
    expect(pool.exchangeRateAtEpoch(3)).toEqual(exchangeRate(5000n * WAL, 2000n * WAL));
    expect(pool.exchangeRateAtEpoch(4)).toEqual(exchangeRate(2500n * WAL, 1000n * WAL));

    const paidA = pool.withdrawStake(aWithdrawing, true, false, at(4));
    const paidB = pool.withdrawStake(bWithdrawing, true, false, at(4));
    expect(paidA.principal + paidA.rewards).toBe(2500n * WAL);
    expect(paidB.principal + paidB.rewards).toBe(2500n * WAL);
    expect(pool.rewardsPool).toBe(0n);
  });

  it('commission: 10% of 10000 rewards goes to the operator, blocked until voting_end', () => {
    const pool = newPool(1000);
    const staked = pool.stake(1000n * WAL, at(0));
    pool.advanceEpoch(0n, at(1));
    pool.advanceEpoch(10_000n * WAL, at(2));
    expect(pool.collectCommission()).toBe(0n);
    pool.clearBlockedCommission();
    expect(pool.collectCommission()).toBe(1000n * WAL);
    const withdrawing = pool.requestWithdrawStake(staked, true, false, at(2));
    pool.advanceEpoch(0n, at(3));
    const paid = pool.withdrawStake(withdrawing, true, false, at(3));
    expect(paid).toEqual({ principal: 1000n * WAL, rewards: 9000n * WAL });
  });

  describe('commission schedule (E+2)', () => {
    it('matches the Move vector: rates 0, 10%, 30%, 40% after advancing to E1..E4', () => {
      const pool = newPool(0);
      const observed: number[] = [];
      pool.setNextCommission(1000, at(0));
      pool.advanceEpoch(0n, at(1));
      observed.push(pool.commissionRate);
      pool.setNextCommission(2000, at(1));
      pool.setNextCommission(3000, at(1));
      pool.advanceEpoch(0n, at(2));
      observed.push(pool.commissionRate);
      pool.setNextCommission(4000, at(2));
      pool.advanceEpoch(0n, at(3));
      observed.push(pool.commissionRate);
      pool.advanceEpoch(0n, at(4));
      observed.push(pool.commissionRate);
      expect(observed).toEqual(vectors.commission[0]!.expectedBps);
    });

    it.each<[CommissionRule, number, number]>([
      ['exact-epoch', 0, 0],
      ['latest-due', 2000, 2000],
    ])('a pool that skips its target epochs: %s gives %d at E4 and %d at E5', (rule, atE4, atE5) => {
      const pool = newPool(0);
      pool.setNextCommission(1000, at(0));
      pool.advanceEpoch(0n, at(1), rule);
      pool.setNextCommission(2000, at(1));
      pool.advanceEpoch(0n, at(4), rule);
      expect(pool.commissionRate).toBe(atE4);
      pool.advanceEpoch(0n, at(5), rule);
      expect(pool.commissionRate).toBe(atE5);
    });

    it('refuses a rate above 100%', () => {
      expect(() => {
        newPool().setNextCommission(10_001, at(0));
      }).toThrow('staking_pool::EIncorrectCommissionRate');
    });
  });

  describe('early withdrawal (pool_early_withdraw_tests)', () => {
    it('stake at E0 withdrawn before selection comes back at once', () => {
      const pool = newPool();
      const staked = pool.stake(1000n * WAL, at(0));
      expect(pool.walBalanceAtEpoch(1)).toBe(1000n * WAL);
      expect(pool.withdrawStake(staked, false, false, at(0))).toEqual({
        principal: 1000n * WAL,
        rewards: 0n,
      });
      expect(pool.walBalanceAtEpoch(1)).toBe(0n);
    });

    it('stake counted for the selected committee leaves at E2 with one epoch of rewards', () => {
      const pool = newPool();
      const staked = pool.stake(1000n * WAL, at(0));
      const withdrawing = pool.requestWithdrawStake(staked, false, true, at(0, true));
      expect(withdrawing.state).toEqual({ kind: 'Withdrawing', withdrawEpoch: 2 });
      expect(pool.walBalanceAtEpoch(2)).toBe(0n);
      pool.advanceEpoch(0n, at(1));
      pool.advanceEpoch(1000n * WAL, at(2));
      const paid = pool.withdrawStake(withdrawing, true, false, at(2));
      expect(paid.principal + paid.rewards).toBe(2000n * WAL);
    });

    it('stake made after selection, withdrawn in E1 before the node is selected again, comes back at once', () => {
      const pool = newPool();
      const staked = pool.stake(1000n * WAL, at(0, true));
      expect(staked.activationEpoch).toBe(2);
      pool.advanceEpoch(0n, at(1));
      expect(canWithdrawEarly(staked, false, at(1))).toBe(true);
      expect(pool.withdrawStake(staked, true, false, at(1))).toEqual({ principal: 1000n * WAL, rewards: 0n });
    });

    it('stake made after selection and requested once the node is selected again leaves at E3', () => {
      const pool = newPool();
      const staked = pool.stake(1000n * WAL, at(0, true));
      pool.advanceEpoch(0n, at(1));
      const withdrawing = pool.requestWithdrawStake(staked, true, true, at(1, true));
      expect(withdrawing.state).toEqual({ kind: 'Withdrawing', withdrawEpoch: 3 });
      pool.advanceEpoch(0n, at(2));
      pool.advanceEpoch(1000n * WAL, at(3));
      const paid = pool.withdrawStake(withdrawing, true, false, at(3));
      expect(paid.principal + paid.rewards).toBe(2000n * WAL);
    });

    it('refuses a direct withdrawal of stake the selected committee counts', () => {
      const pool = newPool();
      const staked = pool.stake(1000n * WAL, at(0));
      expect(() => pool.withdrawStake(staked, false, true, at(0, true))).toThrow(
        'staking_pool::ENotWithdrawing',
      );
    });

    it('refuses a withdrawal request for stake that can be withdrawn directly', () => {
      const pool = newPool();
      const staked = pool.stake(1000n * WAL, at(0));
      expect(() => pool.requestWithdrawStake(staked, false, false, at(0))).toThrow(
        'staking_pool::EWithdrawDirectly',
      );
    });
  });

  it('an inactive node pays out active stake in one step with the rewards up to now', () => {
    const pool = newPool();
    const staked = pool.stake(1000n * WAL, at(0));
    pool.advanceEpoch(0n, at(1));
    pool.advanceEpoch(500n * WAL, at(2));
    expect(pool.withdrawStake(staked, false, false, at(3))).toEqual({
      principal: 1000n * WAL,
      rewards: 500n * WAL,
    });
  });

  it('refuses stake below 1 WAL and rewards for a pool without stake', () => {
    const pool = newPool();
    expect(() => pool.stake(WAL - 1n, at(0))).toThrow('staked_wal::EStakeBelowThreshold');
    expect(() => {
      pool.advanceEpoch(5n, at(1));
    }).toThrow('staking_pool::EIncorrectEpochAdvance');
  });

  it('split and join keep the 1 WAL minimum and matching metadata', () => {
    const pool = newPool();
    const staked = pool.stake(3n * WAL, at(0));
    const [rest, part] = splitStakedWal(staked, WAL);
    expect([rest.principal, part.principal]).toEqual([2n * WAL, WAL]);
    expect(() => splitStakedWal(staked, WAL / 2n)).toThrow('staked_wal::EStakeBelowThreshold');
    // The contract checks `principal > amount` first, then the threshold (so 0 is below it).
    expect(() => splitStakedWal(staked, 3n * WAL)).toThrow('staked_wal::EInvalidAmount, code 2');
    expect(() => splitStakedWal(staked, 0n)).toThrow('staked_wal::EStakeBelowThreshold, code 7');
    expect(joinStakedWal(rest, part)).toEqual(staked);
    expect(() => joinStakedWal(rest, { ...part, activationEpoch: 2 })).toThrow(
      'staked_wal::EMetadataMismatch, code 1',
    );
    const withdrawing = setWithdrawing(part, 3);
    expect(withdrawing.state).toEqual({ kind: 'Withdrawing', withdrawEpoch: 3 });
    expect(() => setWithdrawing(withdrawing, 4)).toThrow('staked_wal::EAlreadyWithdrawing, code 6');
    expect(() => joinStakedWal(rest, withdrawing)).toThrow('staked_wal::EMetadataMismatch');
  });
});
