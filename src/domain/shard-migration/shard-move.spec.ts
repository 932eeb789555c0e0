import {
  advanceMove,
  type MoveObservation,
  type ShardMoveState,
} from 'src/domain/shard-migration/shard-move';

const status = (value: 'unknown' | 'ready' | 'inTransfer' | 'inRecovery' | 'readOnly'): MoveObservation => ({
  kind: 'destinationStatus',
  status: value,
});

function run(observations: MoveObservation[], from: ShardMoveState = 'planned'): ShardMoveState {
  return observations.reduce(advanceMove, from);
}

describe('advanceMove', () => {
  it('follows a direct transfer: planned → transferring → received', () => {
    expect(advanceMove('planned', status('inTransfer'))).toBe('transferring');
    expect(run([status('inTransfer'), status('inTransfer'), status('ready')])).toBe('received');
  });

  it('follows a fallback: transferring → recovering → received, never back to transferring', () => {
    expect(run([status('inTransfer'), status('inRecovery')])).toBe('recovering');
    expect(run([status('inTransfer'), status('inRecovery'), status('inTransfer')])).toBe('recovering');
    expect(run([status('inTransfer'), status('inRecovery'), status('ready')])).toBe('received');
  });

  it('escalates to recovering when the recovery deadline passes', () => {
    expect(run([status('inTransfer'), { kind: 'recoveryDeadlinePassed' }])).toBe('recovering');
    expect(run([{ kind: 'recoveryDeadlinePassed' }])).toBe('recovering');
  });

  it('takes the attestation as proof of receipt, whatever was seen before, even after a failure', () => {
    expect(run([{ kind: 'destinationAttested' }])).toBe('received');
    expect(run([status('inRecovery'), { kind: 'destinationAttested' }])).toBe('received');
    expect(run([{ kind: 'epochEnded' }, { kind: 'destinationAttested' }])).toBe('received');
  });

  it('fails a move the next epoch overtook, and keeps a received one', () => {
    expect(run([status('inTransfer'), { kind: 'epochEnded' }])).toBe('failed');
    expect(run([status('ready'), { kind: 'epochEnded' }])).toBe('received');
  });

  it('ignores statuses that say nothing about the move', () => {
    expect(run([status('unknown'), status('readOnly')])).toBe('planned');
    expect(run([status('ready'), status('unknown'), status('inTransfer')])).toBe('received');
  });
});
