import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackSlashingProposals1795277685986 implements MigrationInterface {
  name = 'TrackSlashingProposals1795277685986';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "slashing_proposal_version" ("field_id" text NOT NULL, "version" bigint NOT NULL, "operation" text NOT NULL, "staking_epoch" integer NOT NULL, "candidate_node_id" text, "proposal_epoch" integer, "voting_weight" integer, "voters" text array, "checkpoint" bigint NOT NULL, "tx_digest" text NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f7e3e4682df14b39dd86939cad5" PRIMARY KEY ("field_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "slashing_proposal_version_candidate_idx" ON "slashing_proposal_version"  ("candidate_node_id", "proposal_epoch") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."slashing_proposal_version_candidate_idx"`);
    await queryRunner.query(`DROP TABLE "slashing_proposal_version"`);
  }
}
