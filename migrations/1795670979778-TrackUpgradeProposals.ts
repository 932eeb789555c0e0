import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackUpgradeProposals1795670979778 implements MigrationInterface {
  name = 'TrackUpgradeProposals1795670979778';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "upgrade_proposal_version" ("field_id" text NOT NULL, "version" bigint NOT NULL, "operation" text NOT NULL, "staking_epoch" integer NOT NULL, "digest" text, "proposal_epoch" integer, "package_version" bigint, "voting_weight" integer, "voters" text array, "checkpoint" bigint NOT NULL, "tx_digest" text NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_074412b15e7be3425e30f89f57f" PRIMARY KEY ("field_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "upgrade_proposal_version_digest_idx" ON "upgrade_proposal_version"  ("digest", "proposal_epoch") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."upgrade_proposal_version_digest_idx"`);
    await queryRunner.query(`DROP TABLE "upgrade_proposal_version"`);
  }
}
