import { DomainError } from 'src/domain/shared/domain.error';

/** `walrus_subsidies_inner::HUNDRED_PERCENT`: subsidy rates are basis points. */
export const SUBSIDY_RATE_SCALE = 10_000n;

/**
 * The fixed-rate subsidy one member of an epoch's committee is paid once the epoch has ended:
 * `base_subsidy + shards · subsidy_per_shard`, added to its pool's commission
 * (`process_fixed_rate_subsidies`), so it goes to the operator, not to the stakers.
 */
export function fixedSubsidy(baseSubsidy: bigint, subsidyPerShard: bigint, shards: number): bigint {
  return baseSubsidy + BigInt(shards) * subsidyPerShard;
}

/**
 * The usage subsidy hidden in one bucket's growth between two subsidy runs. A run pays
 * `floor(Δ · rate / 10 000)` on the payments Δ the bucket received since the last run and records
 * the bucket as `payments + subsidy`, so the recorded growth is `Δ + floor(Δ · rate / 10 000)`;
 * this finds the Δ that gives it, and returns the subsidy part.
 */
export function usageSubsidyInGrowth(growth: bigint, rateBps: number): bigint {
  if (growth < 0n) {
    throw new DomainError('INVALID_AMOUNT', `a subsidised bucket cannot shrink (${growth})`);
  }
  const rate = BigInt(rateBps);
  const estimate = (growth * SUBSIDY_RATE_SCALE) / (SUBSIDY_RATE_SCALE + rate);
  for (let payments = estimate + 1n; payments >= estimate - 1n && payments >= 0n; payments--) {
    if (payments + (payments * rate) / SUBSIDY_RATE_SCALE === growth) {
      return growth - payments;
    }
  }
  // No exact preimage: the rate changed in the same transaction. Attribute by the rate given.
  return growth - estimate;
}

/**
 * The usage subsidies one run added, by the epoch of the bucket: each bucket's growth from its
 * last recorded balance (a bucket new to the ring starts from zero) at the rate in force.
 */
export function usageSubsidiesOfRun(
  before: ReadonlyMap<number, bigint>,
  after: ReadonlyMap<number, bigint>,
  rateBps: number,
): Map<number, bigint> {
  const added = new Map<number, bigint>();
  for (const [epoch, balance] of after) {
    const growth = balance - (before.get(epoch) ?? 0n);
    if (growth > 0n) {
      added.set(epoch, usageSubsidyInGrowth(growth, rateBps));
    }
  }
  return added;
}

/**
 * A window's growth of WAL per share without the usage subsidies: each epoch's growth scaled by
 * the share of its bucket that came from payments. Fixed-rate subsidies are commission and never
 * move the share price.
 */
export function growthWithoutSubsidies(
  perEpoch: readonly { readonly growth: number; readonly subsidyShare: number }[],
): number {
  return perEpoch.reduce((total, epoch) => total * (1 + (epoch.growth - 1) * (1 - epoch.subsidyShare)), 1);
}
