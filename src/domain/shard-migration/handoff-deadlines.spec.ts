import {
  checkMoveDeadline,
  isAttestationOverdue,
  NODE_DEADLINES,
  type HandoffDeadlines,
} from 'src/domain/shard-migration/handoff-deadlines';

const deadlines: HandoffDeadlines = { stallGraceMs: 100, recoveryAfterMs: 1000 };

describe('checkMoveDeadline', () => {
  it('uses the storage node defaults: 600 s of retry backoff, recovery after 12 h', () => {
    expect(NODE_DEADLINES).toEqual({ stallGraceMs: 600_000, recoveryAfterMs: 43_200_000 });
  });

  it('is stalled only past its due time plus the grace, and only when quiet for the grace', () => {
    const move = { state: 'transferring' as const, dueMs: 500, lastProgressMs: 0 };
    expect(checkMoveDeadline(move, 599, deadlines).stalled).toBe(false);
    expect(checkMoveDeadline(move, 600, deadlines).stalled).toBe(true);
    expect(checkMoveDeadline({ ...move, lastProgressMs: 550 }, 600, deadlines).stalled).toBe(false);
    expect(checkMoveDeadline({ ...move, state: 'planned' }, 600, deadlines).stalled).toBe(true);
  });

  it('escalates a quiet transfer to recovery after the recovery interval; a recovery itself never stalls', () => {
    const move = { state: 'transferring' as const, dueMs: 500, lastProgressMs: 0 };
    expect(checkMoveDeadline(move, 999, deadlines).escalate).toBe(false);
    expect(checkMoveDeadline(move, 1000, deadlines).escalate).toBe(true);
    const recovering = { state: 'recovering' as const, dueMs: 500, lastProgressMs: 1000 };
    expect(checkMoveDeadline(recovering, 1500, deadlines)).toEqual({ stalled: false, escalate: false });
    expect(checkMoveDeadline(recovering, 1e9, deadlines)).toEqual({ stalled: false, escalate: false });
  });

  it('never flags a finished move', () => {
    for (const state of ['received', 'failed'] as const) {
      expect(checkMoveDeadline({ state, dueMs: 0, lastProgressMs: 0 }, 1e9, deadlines)).toEqual({
        stalled: false,
        escalate: false,
      });
    }
  });
});

describe('isAttestationOverdue', () => {
  it('is overdue once the last wave and the grace have passed', () => {
    expect(isAttestationOverdue(500, 599, deadlines)).toBe(false);
    expect(isAttestationOverdue(500, 600, deadlines)).toBe(true);
  });
});
