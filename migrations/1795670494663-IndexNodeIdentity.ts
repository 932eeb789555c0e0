import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IndexNodeIdentity1795670494663 implements MigrationInterface {
  name = 'IndexNodeIdentity1795670494663';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "node_identity_change" ("node_id" text NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "name" text NOT NULL, "network_address" text NOT NULL, "public_key" text NOT NULL, "next_epoch_public_key" text, "network_public_key" text NOT NULL, "commission_receiver" text NOT NULL, "governance_authorized" text NOT NULL, CONSTRAINT "PK_9ceda22f003838d20c863f86a4c" PRIMARY KEY ("node_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "node_metadata" ("metadata_id" text NOT NULL, "image_url" text NOT NULL, "project_url" text NOT NULL, "description" text NOT NULL, "extra_fields" jsonb NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0f5be5de8aca603c8a8314625ab" PRIMARY KEY ("metadata_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "storage_node" ADD "metadata_id" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "storage_node" DROP COLUMN "metadata_id"`);
    await queryRunner.query(`DROP TABLE "node_metadata"`);
    await queryRunner.query(`DROP TABLE "node_identity_change"`);
  }
}
