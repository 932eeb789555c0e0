import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795263999905 implements MigrationInterface {
  name = 'InitialSchema1795263999905';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "active_set_member" ("epoch" integer NOT NULL, "node_id" text NOT NULL, "position" integer NOT NULL, "staked_amount" numeric NOT NULL, CONSTRAINT "PK_a04ffcd298428d48535c00ddc8e" PRIMARY KEY ("epoch", "node_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "active_set" ("epoch" integer NOT NULL, "max_size" integer NOT NULL, "threshold_stake" numeric NOT NULL, "total_stake" numeric NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_01f261ad07a7221dd0a6b42f64e" PRIMARY KEY ("epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "committee_member" ("epoch" integer NOT NULL, "node_id" text NOT NULL, "position" integer NOT NULL, "shards" smallint array NOT NULL, "shard_count" integer NOT NULL, "checkpoint" bigint NOT NULL, CONSTRAINT "PK_72a9ffe81e76afc05231ccce10c" PRIMARY KEY ("epoch", "node_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "staking_state" ("epoch" integer NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "n_shards" integer NOT NULL, "epoch_duration_ms" bigint NOT NULL, "first_epoch_start_ms" bigint NOT NULL, "epoch_state" text NOT NULL, "sync_weight" integer, "state_timestamp_ms" bigint, "next_total_capacity_size" numeric, "next_storage_price" numeric, "next_write_price" numeric, "next_committee_selected" boolean NOT NULL, CONSTRAINT "PK_f4e21ab7ab37c857599a5c7936f" PRIMARY KEY ("epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "epoch" ("epoch" integer NOT NULL, "started_checkpoint" bigint, "started_at" TIMESTAMP WITH TIME ZONE, "committee_selected_checkpoint" bigint, "committee_selected_at" TIMESTAMP WITH TIME ZONE, "done_checkpoint" bigint, "done_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d701ee1153cc813dd8478f35429" PRIMARY KEY ("epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "system_state" ("epoch" integer NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "n_shards" integer NOT NULL, "total_capacity_size" numeric NOT NULL, "used_capacity_size" numeric NOT NULL, "storage_price_per_unit_size" numeric NOT NULL, "write_price_per_unit_size" numeric NOT NULL, "future_accounting" jsonb NOT NULL, "deny_list_sizes" jsonb NOT NULL DEFAULT '{}'::jsonb, "deny_list_version" bigint, CONSTRAINT "PK_b7c3ca9ef1e1ae2519b1ce121a6" PRIMARY KEY ("epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "walrus_event" ("tx_digest" text NOT NULL, "event_index" integer NOT NULL, "checkpoint" bigint NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "type" text NOT NULL, "move_type" text NOT NULL, "sender" text NOT NULL, "epoch" integer, "data" jsonb, "bcs" text NOT NULL, CONSTRAINT "PK_9250db3c7646ee229bc418e7c02" PRIMARY KEY ("tx_digest", "event_index"))`,
    );
    await queryRunner.query(`CREATE INDEX "walrus_event_checkpoint_idx" ON "walrus_event"  ("checkpoint") `);
    await queryRunner.query(
      `CREATE INDEX "walrus_event_type_epoch_idx" ON "walrus_event"  ("type", "epoch") `,
    );
    await queryRunner.query(
      `CREATE TABLE "indexed_network" ("id" smallint NOT NULL, "network" text NOT NULL, "chain_id" text NOT NULL, "genesis_time" TIMESTAMP WITH TIME ZONE, "staking_object_id" text NOT NULL, "system_object_id" text NOT NULL, "package_id" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ebfca6a8e1517dedf86437677f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "indexer_lease" ("id" smallint NOT NULL, "term" bigint NOT NULL, "holder" text NOT NULL, "acquired_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_a869923bdca3e395e4ecf858959" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pipeline_watermark" ("pipeline" text NOT NULL, "checkpoint_hi_inclusive" bigint NOT NULL, "timestamp_ms_hi_inclusive" bigint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "error" text, "error_checkpoint" bigint, CONSTRAINT "PK_f76c806dbedbfdc40c0630bea62" PRIMARY KEY ("pipeline"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "exchange_rate" ("node_id" text NOT NULL, "epoch" integer NOT NULL, "kind" text NOT NULL, "wal_amount" numeric, "share_amount" numeric, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, CONSTRAINT "PK_50920b97c42fd951e5969099fea" PRIMARY KEY ("node_id", "epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "node_attestation" ("node_id" text NOT NULL, "epoch" integer NOT NULL, "checkpoint" bigint NOT NULL, "attested_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9f37aba4df6f74c37623c76c20d" PRIMARY KEY ("node_id", "epoch"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "pool_state" ("node_id" text NOT NULL, "epoch" integer NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "state" text NOT NULL, "withdrawing_epoch" integer, "activation_epoch" integer NOT NULL, "latest_epoch" integer NOT NULL, "wal_balance" numeric NOT NULL, "num_shares" numeric NOT NULL, "commission_rate" integer NOT NULL, "pending_commission_rate" jsonb NOT NULL, "pending_stake" jsonb NOT NULL, "pending_shares_withdraw" jsonb NOT NULL, "pre_active_withdrawals" jsonb NOT NULL, "rewards_pool" numeric NOT NULL, "commission" numeric NOT NULL, "storage_price_vote" numeric NOT NULL, "write_price_vote" numeric NOT NULL, "node_capacity_vote" numeric NOT NULL, CONSTRAINT "PK_8d2b2f02c5efa6a80cbc6549bfe" PRIMARY KEY ("node_id", "epoch"))`,
    );
    await queryRunner.query(`CREATE INDEX "pool_state_epoch_idx" ON "pool_state"  ("epoch") `);
    await queryRunner.query(
      `CREATE TABLE "staked_wal_version" ("object_id" text NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "tx_digest" text NOT NULL, "timestamp" TIMESTAMP WITH TIME ZONE NOT NULL, "operation" text NOT NULL, "owner" text, "node_id" text, "principal" numeric, "state" text, "withdraw_epoch" integer, "activation_epoch" integer, CONSTRAINT "PK_8776822c492d36308a54ba26eca" PRIMARY KEY ("object_id", "version"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "staked_wal_version_checkpoint_idx" ON "staked_wal_version"  ("checkpoint") `,
    );
    await queryRunner.query(
      `CREATE TABLE "staked_wal" ("object_id" text NOT NULL, "owner" text NOT NULL, "node_id" text NOT NULL, "principal" numeric NOT NULL, "state" text NOT NULL, "withdraw_epoch" integer, "activation_epoch" integer NOT NULL, "version" bigint NOT NULL, "created_checkpoint" bigint, "updated_checkpoint" bigint NOT NULL, "deleted_checkpoint" bigint, CONSTRAINT "PK_afb818cc4fd10f1c563792a54f7" PRIMARY KEY ("object_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "staked_wal_node_idx" ON "staked_wal"  ("node_id") `);
    await queryRunner.query(`CREATE INDEX "staked_wal_owner_idx" ON "staked_wal"  ("owner") `);
    await queryRunner.query(
      `CREATE TABLE "storage_node_cap" ("cap_id" text NOT NULL, "node_id" text NOT NULL, "owner" text NOT NULL, "last_epoch_sync_done" integer NOT NULL, "deny_list_size" numeric NOT NULL, "deny_list_sequence" numeric NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b64f3b475686f5fa1df62329267" PRIMARY KEY ("cap_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "storage_node_cap_node_idx" ON "storage_node_cap"  ("node_id") `);
    await queryRunner.query(
      `CREATE TABLE "storage_node" ("node_id" text NOT NULL, "name" text NOT NULL, "network_address" text NOT NULL, "public_key" text NOT NULL, "next_epoch_public_key" text, "network_public_key" text NOT NULL, "exchange_rates_id" text NOT NULL, "commission_receiver" text NOT NULL, "governance_authorized" text NOT NULL, "first_seen_checkpoint" bigint NOT NULL, "version" bigint NOT NULL, "checkpoint" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b1f8c57d163e3dc65f1d054681d" PRIMARY KEY ("node_id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "storage_node"`);
    await queryRunner.query(`DROP INDEX "public"."storage_node_cap_node_idx"`);
    await queryRunner.query(`DROP TABLE "storage_node_cap"`);
    await queryRunner.query(`DROP INDEX "public"."staked_wal_owner_idx"`);
    await queryRunner.query(`DROP INDEX "public"."staked_wal_node_idx"`);
    await queryRunner.query(`DROP TABLE "staked_wal"`);
    await queryRunner.query(`DROP INDEX "public"."staked_wal_version_checkpoint_idx"`);
    await queryRunner.query(`DROP TABLE "staked_wal_version"`);
    await queryRunner.query(`DROP INDEX "public"."pool_state_epoch_idx"`);
    await queryRunner.query(`DROP TABLE "pool_state"`);
    await queryRunner.query(`DROP TABLE "node_attestation"`);
    await queryRunner.query(`DROP TABLE "exchange_rate"`);
    await queryRunner.query(`DROP TABLE "pipeline_watermark"`);
    await queryRunner.query(`DROP TABLE "indexer_lease"`);
    await queryRunner.query(`DROP TABLE "indexed_network"`);
    await queryRunner.query(`DROP INDEX "public"."walrus_event_type_epoch_idx"`);
    await queryRunner.query(`DROP INDEX "public"."walrus_event_checkpoint_idx"`);
    await queryRunner.query(`DROP TABLE "walrus_event"`);
    await queryRunner.query(`DROP TABLE "system_state"`);
    await queryRunner.query(`DROP TABLE "epoch"`);
    await queryRunner.query(`DROP TABLE "staking_state"`);
    await queryRunner.query(`DROP TABLE "committee_member"`);
    await queryRunner.query(`DROP TABLE "active_set"`);
    await queryRunner.query(`DROP TABLE "active_set_member"`);
  }
}
