import { commissionRuleOf, scheduledCommissionStatuses } from 'src/domain/staking/scheduled-commission';
import { StakingPool } from 'src/domain/staking/staking-pool';
import { nodeIdOf } from 'src/domain/testing/node-ids';

const at = (epoch: number, committeeSelected = false) => ({ epoch, committeeSelected });

describe('scheduledCommissionStatuses', () => {
  it('reads the rule from the interface version: v3 (deployed) exact-epoch, v4 on latest-due', () => {
    expect(commissionRuleOf(3)).toBe('exact-epoch');
    expect(commissionRuleOf(null)).toBe('exact-epoch');
    expect(commissionRuleOf(4)).toBe('latest-due');
  });

  it.each(['exact-epoch', 'latest-due'] as const)(
    'agrees with what the %s pool then does with the entries it still holds',
    (rule) => {
      // A pool schedules 20% for epoch 3 and 30% for epoch 4, then sits out epochs 3 and 4 (no
      // advance), is in epoch 5 and schedules 40% for epoch 7.
      const pool = new StakingPool({ nodeId: nodeIdOf(1), commissionRate: 1000, wctx: at(1) });
      pool.stake(10_000_000_000n, at(1));
      pool.setNextCommission(2000, at(1));
      pool.advanceEpoch(0n, at(2), rule);
      pool.setNextCommission(3000, at(2));
      pool.setNextCommission(4000, at(5));
      const entries = pool.pendingCommissionRate.entries.map((entry) => ({ epoch: entry.epoch }));
      expect(entries.map((entry) => entry.epoch)).toEqual([3, 4, 7]);
      const statuses = scheduledCommissionStatuses(entries, 5, rule);
      // The next advance, into epoch 6, settles the past entries.
      pool.advanceEpoch(0n, at(6), rule);
      const left = pool.pendingCommissionRate.entries.map((entry) => entry.epoch);
      if (rule === 'exact-epoch') {
        expect(statuses).toEqual(['LAPSED', 'LAPSED', 'PENDING']);
        expect(pool.commissionRate).toBe(1000);
        expect(left).toEqual([3, 4, 7]);
      } else {
        expect(statuses).toEqual(['SUPERSEDED', 'DUE_AT_NEXT_ADVANCE', 'PENDING']);
        expect(pool.commissionRate).toBe(3000);
        expect(left).toEqual([7]);
      }
    },
  );
});
