import { formatNodeStatus, parseNodeStatus, servesAsExpected } from 'src/domain/shard-migration/node-status';

describe('node status', () => {
  it.each([
    ['Standby', { kind: 'Standby' }],
    ['Active', { kind: 'Active' }],
    ['RecoverMetadata', { kind: 'RecoverMetadata' }],
    ['RecoveryCatchUp', { kind: 'RecoveryCatchUp' }],
    ['RecoveryInProgress (42)', { kind: 'RecoveryInProgress', epoch: 42 }],
    [
      'RecoveryCatchUpWithIncompleteHistory (first complete epoch: 7, epoch at start: 9)',
      { kind: 'RecoveryCatchUpWithIncompleteHistory', firstCompleteEpoch: 7, epochAtStart: 9 },
    ],
  ])('reads %s as the node software prints it, and prints it back', (text, status) => {
    expect(parseNodeStatus(text)).toEqual(status);
    expect(formatNodeStatus(parseNodeStatus(text))).toBe(text);
  });

  it('keeps a status it does not know as printed', () => {
    expect(parseNodeStatus('RecoveryInProgress')).toEqual({ kind: 'Other', text: 'RecoveryInProgress' });
    expect(formatNodeStatus(parseNodeStatus('Syncing'))).toBe('Syncing');
  });

  it('expects Active of a committee member and Standby of any other node', () => {
    expect(servesAsExpected('Active', true)).toBe(true);
    expect(servesAsExpected('RecoveryInProgress (3)', true)).toBe(false);
    expect(servesAsExpected('RecoverMetadata', true)).toBe(false);
    expect(servesAsExpected('Standby', true)).toBe(false);
    expect(servesAsExpected('Standby', false)).toBe(true);
    expect(servesAsExpected('Active', false)).toBe(false);
    expect(servesAsExpected(null, true)).toBe(false);
  });
});
