import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackAvailability1795677219093 implements MigrationInterface {
  name = 'TrackAvailability1795677219093';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "node_health_interval" ("id" BIGSERIAL NOT NULL, "node_id" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "reachable" boolean NOT NULL, "chain_epoch" integer NOT NULL, "epoch" integer, "node_status" text, "owned" integer, "ready" integer, "in_transfer" integer, "in_recovery" integer, "read_only" integer, "assigned_shards" integer NOT NULL, "available_shards" integer NOT NULL, "reason" text, CONSTRAINT "PK_f45a1d7c3213f306f418bd0a6d0" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "node_health_interval_started_idx" ON "node_health_interval"  ("started_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "node_health_interval_open_idx" ON "node_health_interval"  ("node_id") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "node_health_interval_node_time_idx" ON "node_health_interval"  ("node_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "availability_interval" ("id" BIGSERIAL NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "epoch" integer NOT NULL, "n_shards" integer NOT NULL, "shards_available" integer NOT NULL, "read_threshold" integer NOT NULL, "write_threshold" integer NOT NULL, "can_read" boolean NOT NULL, "can_write" boolean NOT NULL, "writes_fail_after_nodes" integer, "reads_fail_after_nodes" integer, "missing" jsonb NOT NULL, CONSTRAINT "PK_604a90b5da9e267c30fb6f254ce" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "availability_interval_started_idx" ON "availability_interval"  ("started_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "node_incident" ("id" BIGSERIAL NOT NULL, "node_id" text NOT NULL, "epoch" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "reasons" text array NOT NULL, "shards_affected" integer NOT NULL, "stake_affected" numeric NOT NULL, "delegators_affected" integer NOT NULL, CONSTRAINT "PK_c0cfe084cf5338c56c014211f01" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "node_incident_started_idx" ON "node_incident"  ("started_at") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "node_incident_open_idx" ON "node_incident"  ("node_id") WHERE ended_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "node_incident_node_time_idx" ON "node_incident"  ("node_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "attestation_audit" ("epoch" integer NOT NULL, "node_id" text NOT NULL, "attested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "verdict" text NOT NULL, "evidence_at" TIMESTAMP WITH TIME ZONE, "gained" integer NOT NULL, "not_ready_shards" integer, "node_status" text, CONSTRAINT "PK_9ae5f5818fef1a83115e6bdcbfc" PRIMARY KEY ("epoch", "node_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "attestation_audit"`);
    await queryRunner.query(`DROP INDEX "public"."node_incident_node_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."node_incident_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."node_incident_started_idx"`);
    await queryRunner.query(`DROP TABLE "node_incident"`);
    await queryRunner.query(`DROP INDEX "public"."availability_interval_started_idx"`);
    await queryRunner.query(`DROP TABLE "availability_interval"`);
    await queryRunner.query(`DROP INDEX "public"."node_health_interval_node_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."node_health_interval_open_idx"`);
    await queryRunner.query(`DROP INDEX "public"."node_health_interval_started_idx"`);
    await queryRunner.query(`DROP TABLE "node_health_interval"`);
  }
}
