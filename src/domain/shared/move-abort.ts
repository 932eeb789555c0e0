/**
 * The on-chain aborts that the domain core reproduces. When Tusk refuses an input for the same
 * reason the Walrus contract would, it names the abort so that operators can match it with a
 * failed transaction (module, constant name and numeric code, as in the Move sources).
 */
export interface MoveAbort {
  /** `walrus` for the Walrus package, `sui` for the Sui framework. */
  readonly package: 'walrus' | 'sui';
  readonly module: string;
  readonly name: string;
  readonly code: number;
}

function abort(module: string, name: string, code: number, pkg: MoveAbort['package'] = 'walrus'): MoveAbort {
  return { package: pkg, module, name, code };
}

export const MOVE_ABORTS = {
  noStake: abort('staking_inner', 'ENoStake', 3),
  invalidShardAssignment: abort('committee', 'EInvalidShardAssignment', 0),
  popFromEmptyHeap: abort('apportionment_queue', 'EPopFromEmptyHeap', 0),
  duplicateInsertion: abort('active_set', 'EDuplicateInsertion', 1),
  zeroMaxSize: abort('active_set', 'EZeroMaxSize', 0),
  missingEpochValue: abort('pending_values', 'EMissingEpochValue', 0),
  reduceValueTooLarge: abort('pending_values', 'EReduceValueTooLarge', 1),
  poolAlreadyUpdated: abort('staking_pool', 'EPoolAlreadyUpdated', 0),
  calculationError: abort('staking_pool', 'ECalculationError', 1),
  incorrectEpochAdvance: abort('staking_pool', 'EIncorrectEpochAdvance', 2),
  poolIsNotActive: abort('staking_pool', 'EPoolIsNotActive', 6),
  zeroStake: abort('staking_pool', 'EZeroStake', 7),
  notStaked: abort('staking_pool', 'ENotStaked', 8),
  incorrectPoolId: abort('staking_pool', 'EIncorrectPoolId', 9),
  notWithdrawing: abort('staking_pool', 'ENotWithdrawing', 10),
  withdrawEpochNotReached: abort('staking_pool', 'EWithdrawEpochNotReached', 11),
  activationEpochNotReached: abort('staking_pool', 'EActivationEpochNotReached', 12),
  withdrawDirectly: abort('staking_pool', 'EWithdrawDirectly', 13),
  incorrectCommissionRate: abort('staking_pool', 'EIncorrectCommissionRate', 14),
  zeroShares: abort('staking_pool', 'EZeroShares', 18),
  invalidProofOfPossession: abort('staking_pool', 'EInvalidProofOfPossession', 4),
  authorizationFailure: abort('staking_pool', 'EAuthorizationFailure', 15),
  invalidNetworkAddressLength: abort('staking_pool', 'EInvalidNetworkAddressLength', 16),
  invalidNameLength: abort('staking_pool', 'EInvalidNameLength', 17),
  metadataMismatch: abort('staked_wal', 'EMetadataMismatch', 1),
  invalidAmount: abort('staked_wal', 'EInvalidAmount', 2),
  alreadyWithdrawing: abort('staked_wal', 'EAlreadyWithdrawing', 6),
  stakeBelowThreshold: abort('staked_wal', 'EStakeBelowThreshold', 7),
  invalidRate: abort('pool_exchange_rate', 'EInvalidRate', 0),
  invalidNetworkPublicKey: abort('storage_node', 'EInvalidNetworkPublicKey', 0),
  notAuthorized: abort('slashing', 'ENotAuthorized', 0),
  vecMapKeyAlreadyExists: abort('vec_map', 'EKeyAlreadyExists', 0, 'sui'),
} as const;

export function describeMoveAbort(moveAbort: MoveAbort): string {
  return `${moveAbort.package}::${moveAbort.module}::${moveAbort.name}, code ${moveAbort.code}`;
}
