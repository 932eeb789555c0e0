import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordCommitteeSelections1795268251308 implements MigrationInterface {
  name = 'RecordCommitteeSelections1795268251308';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "committee_selection_member" ("epoch" integer NOT NULL, "node_id" text NOT NULL, "position" integer NOT NULL, "staked_amount" numeric NOT NULL, CONSTRAINT "PK_f6f20e4db3a81a162c966d40cfe" PRIMARY KEY ("epoch", "node_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "committee_selection" ("epoch" integer NOT NULL, "checkpoint" bigint NOT NULL, "n_shards" integer NOT NULL, CONSTRAINT "PK_214b8eac397e7787030d0bd5e24" PRIMARY KEY ("epoch"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "committee_selection"`);
    await queryRunner.query(`DROP TABLE "committee_selection_member"`);
  }
}
