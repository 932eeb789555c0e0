import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TrackShardMigrations1795272756875 implements MigrationInterface {
  name = 'TrackShardMigrations1795272756875';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert_delivery" ("id" BIGSERIAL NOT NULL, "alert_id" bigint NOT NULL, "event" text NOT NULL, "url" text NOT NULL, "attempts" integer NOT NULL, "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "gave_up" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_c525535867340bf8eef9ac9721d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "alert_delivery_due_idx" ON "alert_delivery"  ("next_attempt_at") WHERE delivered_at IS NULL AND NOT gave_up`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alert_delivery_once_idx" ON "alert_delivery"  ("alert_id", "event", "url") `,
    );
    await queryRunner.query(
      `CREATE TABLE "alert" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "epoch" integer NOT NULL, "subject" text NOT NULL, "summary" text NOT NULL, "details" jsonb NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "resolution" text, CONSTRAINT "PK_ad91cad659a3536465d564a4b2f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "alert_epoch_idx" ON "alert"  ("epoch") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "alert_open_once_idx" ON "alert"  ("kind", "epoch", "subject") WHERE resolved_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "migration_node" ("epoch" integer NOT NULL, "node_id" text NOT NULL, "membership" text NOT NULL, "weight" integer NOT NULL, "gained" integer NOT NULL, "lost" integer NOT NULL, "kept" integer NOT NULL, "receive_bytes" numeric NOT NULL, "send_bytes" numeric NOT NULL, "due_ms" bigint NOT NULL, "attested_at" TIMESTAMP WITH TIME ZONE, "attested_checkpoint" bigint, "attested_late" boolean, CONSTRAINT "PK_e3235e0ebd9f241237dbf54c4a5" PRIMARY KEY ("epoch", "node_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "node_availability" ("node_id" text NOT NULL, "epoch" integer NOT NULL, "polls" integer NOT NULL, "reachable_polls" integer NOT NULL, "active_polls" integer NOT NULL, "ready_share_sum" double precision NOT NULL, CONSTRAINT "PK_d10598c2204921a5317cb401215" PRIMARY KEY ("node_id", "epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "node_health" ("node_id" text NOT NULL, "checked_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reachable" boolean NOT NULL, "error" text, "last_ok_at" TIMESTAMP WITH TIME ZONE, "epoch" integer, "node_status" text, "shard_counts" jsonb, "shard_statuses" jsonb, "owned_shards" integer, "consecutive_failures" integer NOT NULL, "circuit" text NOT NULL, "next_poll_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a274a731fb641fe3c4ae080d7de" PRIMARY KEY ("node_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "shard_migration" ("epoch" integer NOT NULL, "status" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "start_checkpoint" bigint NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, "done_checkpoint" bigint, "ended_at" TIMESTAMP WITH TIME ZONE, "n_shards" integer NOT NULL, "moved_shards" integer NOT NULL, "shard_size_bytes" numeric NOT NULL, "total_bytes" numeric NOT NULL, "sync_bytes_per_second" numeric NOT NULL, "concurrency" integer NOT NULL, "waves" integer NOT NULL, "wave_ms" bigint NOT NULL, "eta_ms" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_da7f3c291c6447fcec8260dd9ad" PRIMARY KEY ("epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "shard_move_transition" ("id" BIGSERIAL NOT NULL, "epoch" integer NOT NULL, "shard" smallint NOT NULL, "from_state" text NOT NULL, "to_state" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "cause" text NOT NULL, CONSTRAINT "PK_66ec8c6a352dbc7669fc60c6543" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "shard_move_transition_once_idx" ON "shard_move_transition"  ("epoch", "shard", "to_state") `,
    );
    await queryRunner.query(
      `CREATE TABLE "shard_move" ("epoch" integer NOT NULL, "shard" smallint NOT NULL, "from_node" text, "to_node" text NOT NULL, "wave" integer NOT NULL, "size_bytes" numeric NOT NULL, "due_ms" bigint NOT NULL, "state" text NOT NULL, "state_since" TIMESTAMP WITH TIME ZONE NOT NULL, "escalated" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_de00d4904c7873c2326ea90078a" PRIMARY KEY ("epoch", "shard"))`,
    );
    await queryRunner.query(`CREATE INDEX "shard_move_source_idx" ON "shard_move"  ("epoch", "from_node") `);
    await queryRunner.query(
      `CREATE INDEX "shard_move_destination_idx" ON "shard_move"  ("epoch", "to_node") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."shard_move_destination_idx"`);
    await queryRunner.query(`DROP INDEX "public"."shard_move_source_idx"`);
    await queryRunner.query(`DROP TABLE "shard_move"`);
    await queryRunner.query(`DROP INDEX "public"."shard_move_transition_once_idx"`);
    await queryRunner.query(`DROP TABLE "shard_move_transition"`);
    await queryRunner.query(`DROP TABLE "shard_migration"`);
    await queryRunner.query(`DROP TABLE "node_health"`);
    await queryRunner.query(`DROP TABLE "node_availability"`);
    await queryRunner.query(`DROP TABLE "migration_node"`);
    await queryRunner.query(`DROP INDEX "public"."alert_open_once_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alert_epoch_idx"`);
    await queryRunner.query(`DROP TABLE "alert"`);
    await queryRunner.query(`DROP INDEX "public"."alert_delivery_once_idx"`);
    await queryRunner.query(`DROP INDEX "public"."alert_delivery_due_idx"`);
    await queryRunner.query(`DROP TABLE "alert_delivery"`);
  }
}
