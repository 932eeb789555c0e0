import { commissionAvoidance } from 'src/domain/staking/avoid-commission';

const DAY = 86_400_000;
const D = 14 * DAY;

describe('how long a scheduled commission rate can be avoided', () => {
  it('scheduled two epochs ahead: request before voting_end of the next epoch', () => {
    const done = 1_000 * DAY;
    expect(
      commissionAvoidance(12, {
        epoch: 10,
        state: { kind: 'EpochChangeDone', doneAtMs: done },
        epochDurationMs: D,
      }),
    ).toEqual({ requestInEpoch: 11, requestBeforeMs: done + D + D / 2, tooLate: false });
  });

  it('in the epoch before it: until this epoch’s voting_end, then too late', () => {
    const done = 1_000 * DAY;
    expect(
      commissionAvoidance(11, {
        epoch: 10,
        state: { kind: 'EpochChangeDone', doneAtMs: done },
        epochDurationMs: D,
      }),
    ).toEqual({ requestInEpoch: 10, requestBeforeMs: done + D / 2, tooLate: false });
    expect(
      commissionAvoidance(11, {
        epoch: 10,
        state: { kind: 'NextParamsSelected', doneAtMs: done },
        epochDurationMs: D,
      }),
    ).toEqual({ requestInEpoch: 10, requestBeforeMs: null, tooLate: true });
  });

  it('in effect already: too late; during a handoff the time is not known yet', () => {
    expect(
      commissionAvoidance(10, {
        epoch: 10,
        state: { kind: 'EpochChangeDone', doneAtMs: 0 },
        epochDurationMs: D,
      }).tooLate,
    ).toBe(true);
    expect(
      commissionAvoidance(12, {
        epoch: 10,
        state: { kind: 'EpochChangeSync', weight: 100 },
        epochDurationMs: D,
      }),
    ).toEqual({ requestInEpoch: 11, requestBeforeMs: null, tooLate: false });
  });
});
