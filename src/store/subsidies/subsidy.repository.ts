import type { EntityManager } from 'typeorm';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { SubsidyStateEntity } from 'src/store/subsidies/subsidy-state.entity';

export type SubsidyStateRow = Readonly<SubsidyStateEntity>;

/** A fixed-rate payout: the committee of `epoch` paid at these parameters. */
export interface FixedSubsidyPayout {
  readonly epoch: number;
  readonly baseSubsidy: bigint;
  readonly subsidyPerShard: bigint;
  readonly paidAt: Date;
}

/** The `walrus_subsidies` state by version, and the payouts read from it. */
export const SubsidyRepository = {
  /** A version never changes: the first write stays. */
  async write(manager: EntityManager, rows: readonly SubsidyStateRow[]): Promise<void> {
    await bulkWriteEntities(manager, SubsidyStateEntity, rows, 'ON CONFLICT (version) DO NOTHING');
  },

  async latest(manager: EntityManager): Promise<SubsidyStateRow | undefined> {
    return (
      (await manager.getRepository(SubsidyStateEntity).find({ order: { version: 'DESC' }, take: 1 }))[0] ??
      undefined
    );
  },

  /** Usage subsidies added to each bucket, by its epoch, over every observed run. */
  async usageByEpoch(manager: EntityManager): Promise<Map<number, bigint>> {
    const rows = await manager.query<{ epoch: string; amount: string }[]>(
      `SELECT entry.key AS epoch, sum(entry.value::numeric)::text AS amount
       FROM subsidy_state, jsonb_each_text(usage_subsidies) AS entry
       GROUP BY entry.key`,
    );
    return new Map(rows.map((row) => [Number(row.epoch), BigInt(row.amount)]));
  },

  /**
   * Each epoch whose committee was seen being paid: the first version that moved
   * `latest_paid_epoch` to it, with the parameters in force in that run.
   */
  async fixedPayouts(manager: EntityManager): Promise<Map<number, FixedSubsidyPayout>> {
    const rows = await manager.query<
      { latest_paid_epoch: number; base_subsidy: string; subsidy_per_shard: string; updated_at: Date }[]
    >(
      `SELECT DISTINCT ON (s.latest_paid_epoch) s.latest_paid_epoch, s.base_subsidy, s.subsidy_per_shard, s.updated_at
       FROM subsidy_state s
       WHERE NOT s.baseline
         AND NOT EXISTS (SELECT 1 FROM subsidy_state earlier
                         WHERE earlier.version < s.version AND earlier.latest_paid_epoch >= s.latest_paid_epoch)
       ORDER BY s.latest_paid_epoch, s.version`,
    );
    return new Map(
      rows.map((row) => [
        row.latest_paid_epoch,
        {
          epoch: row.latest_paid_epoch,
          baseSubsidy: BigInt(row.base_subsidy),
          subsidyPerShard: BigInt(row.subsidy_per_shard),
          paidAt: row.updated_at,
        },
      ]),
    );
  },
};
