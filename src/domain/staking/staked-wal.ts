import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';
import type { NodeId } from 'src/domain/shared/node-id';

/** Every StakedWal holds at least 1 WAL (10^9 FROST), both halves of a split included. */
export const MIN_STAKING_THRESHOLD = 1_000_000_000n;

export type StakedWalState =
  { readonly kind: 'Staked' } | { readonly kind: 'Withdrawing'; readonly withdrawEpoch: number };

/** `staked_wal::StakedWal`: a delegator's position; the principal lives here, not in the pool. */
export interface StakedWal {
  readonly nodeId: NodeId;
  readonly principal: bigint;
  readonly activationEpoch: number;
  readonly state: StakedWalState;
}

/** The slice of `WalrusContext` that staking rules read. */
export interface WalrusContext {
  readonly epoch: number;
  /** True between `voting_end` and the next epoch change (the next committee is known). */
  readonly committeeSelected: boolean;
}

/**
 * `can_withdraw_early`: stake that the next committee vote has not counted yet can be taken back at
 * once, without rewards.
 */
export function canWithdrawEarly(
  stakedWal: StakedWal,
  inNextCommittee: boolean,
  wctx: WalrusContext,
): boolean {
  if (stakedWal.state.kind !== 'Staked') {
    return false;
  }
  const { activationEpoch } = stakedWal;
  return activationEpoch > wctx.epoch + 1 || (activationEpoch === wctx.epoch + 1 && !inNextCommittee);
}

/**
 * `staked_wal::set_withdrawing`: a Staked position turns Withdrawing from `withdrawEpoch`; one
 * already withdrawing cannot be asked again.
 */
export function setWithdrawing(stakedWal: StakedWal, withdrawEpoch: number): StakedWal {
  if (stakedWal.state.kind !== 'Staked') {
    throw new DomainError(
      'INVALID_STATE',
      'the StakedWal is already being withdrawn',
      MOVE_ABORTS.alreadyWithdrawing,
    );
  }
  return { ...stakedWal, state: { kind: 'Withdrawing', withdrawEpoch } };
}

/**
 * `staked_wal::split`: both parts keep state, node and activation and hold at least 1 WAL. The
 * amount split off must be less than the whole (`EInvalidAmount`); a zero amount falls to the
 * threshold check, as on chain.
 */
export function splitStakedWal(stakedWal: StakedWal, amount: bigint): [StakedWal, StakedWal] {
  if (amount < 0n) {
    throw new DomainError('INVALID_AMOUNT', `cannot split a negative amount (${amount})`);
  }
  if (amount >= stakedWal.principal) {
    throw new DomainError(
      'INVALID_AMOUNT',
      `cannot split ${amount} off a StakedWal of ${stakedWal.principal}`,
      MOVE_ABORTS.invalidAmount,
    );
  }
  const remaining = stakedWal.principal - amount;
  if (amount < MIN_STAKING_THRESHOLD || remaining < MIN_STAKING_THRESHOLD) {
    throw new DomainError(
      'INVALID_AMOUNT',
      'both parts of a split must hold at least 1 WAL',
      MOVE_ABORTS.stakeBelowThreshold,
    );
  }
  return [
    { ...stakedWal, principal: remaining },
    { ...stakedWal, principal: amount },
  ];
}

/**
 * `staked_wal::join`: same node and activation epoch, and either both Staked or both Withdrawing in
 * the same epoch; anything else aborts `EMetadataMismatch`.
 */
export function joinStakedWal(into: StakedWal, other: StakedWal): StakedWal {
  const sameState =
    (into.state.kind === 'Staked' && other.state.kind === 'Staked') ||
    (into.state.kind === 'Withdrawing' &&
      other.state.kind === 'Withdrawing' &&
      into.state.withdrawEpoch === other.state.withdrawEpoch);
  if (into.nodeId !== other.nodeId || into.activationEpoch !== other.activationEpoch || !sameState) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      'only StakedWal of the same node, activation epoch and state can be joined',
      MOVE_ABORTS.metadataMismatch,
    );
  }
  return { ...into, principal: into.principal + other.principal };
}
