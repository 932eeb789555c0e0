import type { CommissionRule } from 'src/domain/staking/staking-pool';

/**
 * The interface version (the key of the Staking inner object's field) from which `advance_epoch`
 * applies the latest due commission rate (MystenLabs/walrus PR #3286, `contracts/` v4); the
 * deployed v3 applies a rate only in exactly its epoch.
 */
export const LATEST_DUE_COMMISSION_FROM_VERSION = 4;

/** The commission rule of a Staking interface version; unknown versions are taken as deployed v3. */
export function commissionRuleOf(interfaceVersion: number | null): CommissionRule {
  return interfaceVersion !== null && interfaceVersion >= LATEST_DUE_COMMISSION_FROM_VERSION
    ? 'latest-due'
    : 'exact-epoch';
}

export type ScheduledCommissionStatus =
  /** Its epoch is still ahead: it applies if the pool is advanced in that epoch. */
  | 'PENDING'
  /** Its epoch passed without the pool being advanced: the exact-epoch rule never applies it. */
  | 'LAPSED'
  /** Past due under the latest-due rule: the pool applies it at its next advance. */
  | 'DUE_AT_NEXT_ADVANCE'
  /** Past due, but a later due rate replaces it at the next advance. */
  | 'SUPERSEDED';

/**
 * What becomes of each entry still in a pool's `pending_commission_rate` in epoch `epoch`. Every
 * pool advanced into `epoch` did so in the transaction that started it, so an entry for `epoch` or
 * earlier that is still scheduled was missed: the pool was in neither the old nor the new
 * committee then.
 */
export function scheduledCommissionStatuses(
  entries: readonly { readonly epoch: number }[],
  epoch: number,
  rule: CommissionRule,
): ScheduledCommissionStatus[] {
  const latestDue = Math.max(...entries.map((entry) => entry.epoch).filter((at) => at <= epoch));
  return entries.map((entry) => {
    if (entry.epoch > epoch) {
      return 'PENDING';
    }
    if (rule === 'exact-epoch') {
      return 'LAPSED';
    }
    return entry.epoch === latestDue ? 'DUE_AT_NEXT_ADVANCE' : 'SUPERSEDED';
  });
}
