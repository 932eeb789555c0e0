import type { MigrationInterface, QueryRunner } from 'typeorm';

export class KeepStakingInterfaceVersion1795668498503 implements MigrationInterface {
  name = 'KeepStakingInterfaceVersion1795668498503';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staking_state" ADD "interface_version" integer`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "staking_state" DROP COLUMN "interface_version"`);
  }
}
