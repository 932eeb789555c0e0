import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeepMigrationEpoch1795673484466 implements MigrationInterface {
  name = 'KeepMigrationEpoch1795673484466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "migration_epoch_version" ("version" bigint NOT NULL, "migration_epoch" integer, "checkpoint" bigint NOT NULL, CONSTRAINT "PK_cf0f50d14dc2656f548a1ee7d2c" PRIMARY KEY ("version"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "migration_epoch_version"`);
  }
}
