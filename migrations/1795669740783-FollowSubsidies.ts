import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FollowSubsidies1795669740783 implements MigrationInterface {
  name = 'FollowSubsidies1795669740783';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subsidy_state" ("version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "system_subsidy_rate" integer NOT NULL, "base_subsidy" numeric NOT NULL, "subsidy_per_shard" numeric NOT NULL, "pool_balance" numeric NOT NULL, "latest_paid_epoch" integer NOT NULL, "last_subsidized_ms" bigint NOT NULL, "buckets" jsonb NOT NULL, "usage_subsidies" jsonb NOT NULL, "baseline" boolean NOT NULL, CONSTRAINT "PK_f46efc74ef8e0d1bbe37097d786" PRIMARY KEY ("version"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "subsidy_state"`);
  }
}
