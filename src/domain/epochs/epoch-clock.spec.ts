import { forecastEpoch, maxSchedulingJitterMs, recordSyncDone } from 'src/domain/epochs/epoch-clock';

const DAY = 24 * 60 * 60 * 1000;
const D = 14 * DAY;
const T_DONE = 1_750_000_000_000;

describe('epoch clock', () => {
  const base = { epoch: 7, epochDurationMs: D, firstEpochStartMs: 0, nShards: 1000 };

  it('forecasts voting_end at t_done + D/2 and the epoch change at t_done + D', () => {
    const forecast = forecastEpoch({
      ...base,
      state: { kind: 'EpochChangeDone', doneAtMs: T_DONE },
      nowMs: T_DONE + DAY,
    });
    expect(forecast).toMatchObject({
      phase: 'STAKING_OPEN',
      votingEndAtMs: T_DONE + 7 * DAY,
      epochChangeAtMs: T_DONE + D,
      votingEndExpectedByMs: T_DONE + 7 * DAY + 3 * 60_000,
    });
  });

  it('says when voting_end is overdue and when the epoch change is', () => {
    expect(
      forecastEpoch({
        ...base,
        state: { kind: 'EpochChangeDone', doneAtMs: T_DONE },
        nowMs: T_DONE + 7 * DAY,
      }).phase,
    ).toBe('VOTING_END_DUE');
    expect(
      forecastEpoch({
        ...base,
        state: { kind: 'NextParamsSelected', doneAtMs: T_DONE },
        nowMs: T_DONE + 8 * DAY,
      }).phase,
    ).toBe('COMMITTEE_SELECTED');
    expect(
      forecastEpoch({ ...base, state: { kind: 'NextParamsSelected', doneAtMs: T_DONE }, nowMs: T_DONE + D })
        .phase,
    ).toBe('EPOCH_CHANGE_DUE');
  });

  it('uses first_epoch_start for epoch 0', () => {
    const forecast = forecastEpoch({
      ...base,
      epoch: 0,
      firstEpochStartMs: 5000,
      state: { kind: 'EpochChangeDone', doneAtMs: 1000 },
      nowMs: 2000,
    });
    expect(forecast).toMatchObject({ phase: 'STAKING_OPEN', votingEndAtMs: 5000, epochChangeAtMs: 5000 });
  });

  it('cannot forecast times during shard migration, but reports sync progress against 667/1000', () => {
    const forecast = forecastEpoch({
      ...base,
      state: { kind: 'EpochChangeSync', weight: 400 },
      nowMs: T_DONE,
    });
    expect(forecast).toMatchObject({
      phase: 'SHARD_MIGRATION',
      votingEndAtMs: null,
      syncWeight: 400,
      syncQuorum: 667,
    });
  });

  it('completes the epoch change when attestations reach a quorum', () => {
    const partial = recordSyncDone({ kind: 'EpochChangeSync', weight: 600 }, 66, 1000, T_DONE);
    expect(partial).toEqual({ kind: 'EpochChangeSync', weight: 666 });
    expect(recordSyncDone(partial, 1, 1000, T_DONE)).toEqual({ kind: 'EpochChangeDone', doneAtMs: T_DONE });
    const done = { kind: 'EpochChangeDone', doneAtMs: 1 } as const;
    expect(recordSyncDone(done, 100, 1000, T_DONE)).toBe(done);
  });

  it('limits scheduling jitter to min(3 min, D/10)', () => {
    expect(maxSchedulingJitterMs(D)).toBe(180_000);
    expect(maxSchedulingJitterMs(30_000)).toBe(3000);
  });
});
