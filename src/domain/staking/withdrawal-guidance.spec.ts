import fc from 'fast-check';
import { nodeIdOf } from 'src/domain/testing/node-ids';
import { DomainError } from 'src/domain/shared/domain.error';
import type { StakedWal, WalrusContext } from 'src/domain/staking/staked-wal';
import { StakingPool } from 'src/domain/staking/staking-pool';
import { withdrawalGuidance } from 'src/domain/staking/withdrawal-guidance';

const WAL = 1_000_000_000n;
const at = (epoch: number, committeeSelected = false): WalrusContext => ({ epoch, committeeSelected });

/** A pool with one stake made at `stakeEpoch`, moved on to `epoch` (withdrawal requested at `requestAt`). */
function build(c: Case): { pool: StakingPool; stakedWal: StakedWal; now: WalrusContext } {
  const pool = new StakingPool({ nodeId: nodeIdOf(1), commissionRate: 0, wctx: at(0) });
  let stakedWal = pool.stake(5n * WAL, at(c.stakeEpoch, c.selectedAtStake));
  for (let epoch = 1; epoch <= c.epoch; epoch++) {
    if (epoch > pool.latestEpoch) {
      pool.advanceEpoch(0n, at(epoch));
    }
    if (c.requestAt === epoch) {
      stakedWal = pool.requestWithdrawStake(stakedWal, true, c.requestInNext, at(epoch, c.requestInNext));
    }
  }
  return { pool, stakedWal, now: at(c.epoch, c.selectedNow) };
}

interface Case {
  stakeEpoch: number;
  selectedAtStake: boolean;
  epoch: number;
  selectedNow: boolean;
  inCurrent: boolean;
  inNext: boolean;
  requestAt: number | undefined;
  requestInNext: boolean;
}

const cases = fc
  .record({
    stakeEpoch: fc.integer({ min: 0, max: 3 }),
    selectedAtStake: fc.boolean(),
    after: fc.integer({ min: 0, max: 4 }),
    selectedNow: fc.boolean(),
    inCurrent: fc.boolean(),
    inNext: fc.boolean(),
    request: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    requestInNext: fc.boolean(),
  })
  .map((r): Case => ({
    stakeEpoch: r.stakeEpoch,
    selectedAtStake: r.selectedAtStake,
    epoch: r.stakeEpoch + r.after,
    selectedNow: r.selectedNow,
    inCurrent: r.inCurrent,
    // Before `voting_end` there is no next committee to be in.
    inNext: r.selectedNow && r.inNext,
    // A request once the stake is active, in an epoch up to now.
    requestAt:
      r.request === undefined ? undefined : Math.min(r.stakeEpoch + r.after, r.stakeEpoch + 2 + r.request),
    requestInNext: r.requestInNext,
  }))
  .filter((c) => c.requestAt === undefined || c.requestAt >= c.stakeEpoch + (c.selectedAtStake ? 2 : 1));

/** Whether `call` succeeds on a fresh copy of the case; a refusal must be the contract's abort. */
function succeeds(c: Case, call: 'withdraw_stake' | 'request_withdraw_stake'): boolean {
  const { pool, stakedWal, now } = build(c);
  try {
    if (call === 'withdraw_stake') {
      pool.withdrawStake(stakedWal, c.inCurrent, c.inNext, now);
    } else {
      pool.requestWithdrawStake(stakedWal, c.inCurrent, c.inNext, now);
    }
    return true;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return false;
  }
}

describe('withdrawal guidance', () => {
  it('names the call the pool accepts now, and never one it refuses', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { stakedWal, now } = build(c);
        const guidance = withdrawalGuidance(stakedWal, c.inCurrent, c.inNext, now);
        expect(succeeds(c, 'withdraw_stake')).toBe(guidance.callNow === 'withdraw_stake');
        expect(succeeds(c, 'request_withdraw_stake')).toBe(guidance.callNow === 'request_withdraw_stake');
      }),
      { numRuns: 300 },
    );
  });

  it('dates withdraw_stake as the request sent now would, and as a requested withdrawal is due', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { pool, stakedWal, now } = build(c);
        const guidance = withdrawalGuidance(stakedWal, c.inCurrent, c.inNext, now);
        if (guidance.afterRequest) {
          const requested = pool.requestWithdrawStake(stakedWal, c.inCurrent, c.inNext, now);
          expect(requested.state).toEqual({
            kind: 'Withdrawing',
            withdrawEpoch: guidance.withdrawStakeFromEpoch,
          });
        } else if (stakedWal.state.kind === 'Withdrawing') {
          expect(guidance.withdrawStakeFromEpoch).toBe(Math.max(stakedWal.state.withdrawEpoch, now.epoch));
        } else {
          expect(guidance.withdrawStakeFromEpoch).toBe(now.epoch);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('withdraws in one step from a node in no committee, which request_withdraw_stake refuses', () => {
    const c: Case = {
      stakeEpoch: 0,
      selectedAtStake: false,
      epoch: 3,
      selectedNow: true,
      inCurrent: false,
      inNext: false,
      requestAt: undefined,
      requestInNext: false,
    };
    const { stakedWal, now } = build(c);
    expect(withdrawalGuidance(stakedWal, false, false, now)).toEqual({
      callNow: 'withdraw_stake',
      withdrawStakeFromEpoch: 3,
      afterRequest: false,
      paysRewards: true,
    });
    expect(succeeds(c, 'request_withdraw_stake')).toBe(false);
  });
});
