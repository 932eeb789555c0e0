import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackEpochReports1795689403073 implements MigrationInterface {
  name = 'TrackEpochReports1795689403073';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "epoch_report" ("reporter_id" text NOT NULL, "epoch" integer NOT NULL, "reporter_address" text NOT NULL, "committee_digest" text NOT NULL, "audit_matches" boolean NOT NULL, "moved_shards" integer NOT NULL, "attested_weight" integer NOT NULL, "quorum_ms" numeric, "late_attesters" text array NOT NULL, "premature_attesters" text array NOT NULL, "rewards_digest" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_digest" text NOT NULL, "checkpoint" numeric NOT NULL, CONSTRAINT "PK_8f6729be731fa6790b8ed4e82c6" PRIMARY KEY ("reporter_id", "epoch"))`,
    );
    await queryRunner.query(`CREATE INDEX "epoch_report_epoch" ON "epoch_report"  ("epoch") `);
    await queryRunner.query(
      `CREATE TABLE "reporter" ("reporter_id" text NOT NULL, "owner" text NOT NULL, "name" text NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "tx_digest" text NOT NULL, "checkpoint" numeric NOT NULL, CONSTRAINT "PK_ad65719ff9e853c070807485379" PRIMARY KEY ("reporter_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "reporter"`);
    await queryRunner.query(`DROP INDEX "public"."epoch_report_epoch"`);
    await queryRunner.query(`DROP TABLE "epoch_report"`);
  }
}
