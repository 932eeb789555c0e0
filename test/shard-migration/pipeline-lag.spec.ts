import type { DataSource } from 'typeorm';
import { createStoreDataSource } from 'src/store/store.entities';
import { ShardMigrationOrchestrator } from 'src/shard-migration/shard-migration.orchestrator';
import {
  buildDevnet,
  createTestDatabase,
  indexerConfig,
  indexUntil,
  query,
  serveDevnet,
} from 'test/support/indexer-harness';

/**
 * The staking pipeline (attestations) and the epochs pipeline (epoch moments) index at their own
 * pace. Here the crash-mid-handoff history is indexed whole, the orchestrator's own rows are wiped,
 * and one pipeline is wound back so that it lags the other; the orchestrator then runs over that
 * index, and again once the pipeline caught up.
 */
describe('handoff orchestration over pipelines that lag one another', () => {
  let databaseUrl: string;
  let dataSource: DataSource;
  let orchestrator: ShardMigrationOrchestrator;
  let node12: string;
  // Checkpoints of epoch 2's facts: node-12's late attestation, EpochChangeDone, the start of epoch 3.
  let attested: bigint;
  let done: bigint;
  let nextStarted: bigint;

  beforeAll(async () => {
    const devnet = buildDevnet('crash-mid-handoff', 7, 3);
    const served = await serveDevnet(devnet);
    databaseUrl = await createTestDatabase();
    const config = indexerConfig(databaseUrl, served);
    const app = await indexUntil(config, devnet.ledger.tip);
    await app.close();
    await served.server.close();
    dataSource = createStoreDataSource(databaseUrl);
    await dataSource.initialize();
    orchestrator = new ShardMigrationOrchestrator(dataSource, {
      deadlines: config.shardMigration.deadlines,
      syncBytesPerSecond: config.shardMigration.syncBytesPerSecond,
      concurrency: config.shardMigration.concurrency,
      webhookUrls: [],
    });
    node12 = [...devnet.network.nodes.values()].find((node) => node.name === 'node-12')?.nodeId ?? '';
    const [facts] = await query<{ attested: string; done: string; next_started: string }>(
      databaseUrl,
      `SELECT a.checkpoint AS attested, e.done_checkpoint AS done, n.started_checkpoint AS next_started
       FROM node_attestation a, epoch e, epoch n
       WHERE a.node_id = '${node12}' AND a.epoch = 2 AND e.epoch = 2 AND n.epoch = 3`,
    );
    [attested, done, nextStarted] = [
      BigInt(facts?.attested ?? 0),
      BigInt(facts?.done ?? 0),
      BigInt(facts?.next_started ?? 0),
    ];
    // The history this test needs: node-12 attested after EpochChangeDone, at the latest as epoch 3 began.
    expect(done).toBeGreaterThan(0n);
    expect(attested).toBeGreaterThan(done);
    expect(nextStarted).toBeGreaterThanOrEqual(attested);
  }, 90_000);

  beforeEach(async () => {
    await query(
      databaseUrl,
      `TRUNCATE shard_migration, migration_node, shard_move, shard_move_transition, alert, alert_delivery`,
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  async function epoch2(): Promise<{ ended: boolean; states: string[]; attestedLate: boolean | null }> {
    const [migration] = await query<{ ended_at: Date | null }>(
      databaseUrl,
      'SELECT ended_at FROM shard_migration WHERE epoch = 2',
    );
    const moves = await query<{ state: string }>(
      databaseUrl,
      `SELECT DISTINCT state FROM shard_move WHERE epoch = 2 AND to_node = '${node12}' ORDER BY state`,
    );
    const [node] = await query<{ attested_late: boolean | null }>(
      databaseUrl,
      `SELECT attested_late FROM migration_node WHERE epoch = 2 AND node_id = '${node12}'`,
    );
    return {
      ended: migration?.ended_at !== null && migration !== undefined,
      states: moves.map((move) => move.state),
      attestedLate: node?.attested_late ?? null,
    };
  }

  /**
   * Winds `pipeline` back to just before `checkpoint`: its watermark, and (through `hide` and
   * `restore`, SQL over a `hidden` copy of `table`) the rows it wrote from there on. Runs `check`
   * on that index, then puts everything back.
   */
  async function whileLagging(
    lag: { pipeline: string; checkpoint: bigint; table: string; keep: string; hide: string; restore: string },
    check: () => Promise<void>,
  ): Promise<void> {
    await query(
      databaseUrl,
      `CREATE TABLE hidden AS SELECT * FROM ${lag.table} WHERE ${lag.keep}; ${lag.hide};
       CREATE TABLE saved_watermark AS SELECT * FROM pipeline_watermark WHERE pipeline = '${lag.pipeline}';
       UPDATE pipeline_watermark SET checkpoint_hi_inclusive = ${lag.checkpoint - 1n} WHERE pipeline = '${lag.pipeline}'`,
    );
    try {
      await check();
    } finally {
      await query(
        databaseUrl,
        `${lag.restore}; DROP TABLE hidden;
         UPDATE pipeline_watermark w SET checkpoint_hi_inclusive = s.checkpoint_hi_inclusive
         FROM saved_watermark s WHERE w.pipeline = s.pipeline; DROP TABLE saved_watermark`,
      );
    }
  }

  it('does not end an epoch, failing its moves, before the attestations made in it are indexed', async () => {
    // The staking pipeline stands just before node-12's attestation; the epochs pipeline saw epoch 3 start.
    await whileLagging(
      {
        pipeline: 'staking',
        checkpoint: attested,
        table: 'node_attestation',
        keep: `checkpoint >= ${attested}`,
        hide: `DELETE FROM node_attestation WHERE checkpoint >= ${attested}`,
        restore: 'INSERT INTO node_attestation SELECT * FROM hidden',
      },
      async () => {
        await orchestrator.reconcile(new Date());
        const lagging = await epoch2();
        expect(lagging.ended).toBe(false);
        expect(lagging.states).not.toContain('failed');
        expect(lagging.states.length).toBeGreaterThan(0);
      },
    );
    await orchestrator.reconcile(new Date());
    expect(await epoch2()).toEqual({ ended: true, states: ['received'], attestedLate: true });
  }, 30_000);

  it('does not copy an attestation before it is known whether EpochChangeDone preceded it', async () => {
    // The epochs pipeline stands just before EpochChangeDone; the staking pipeline has node-12's attestation.
    await whileLagging(
      {
        pipeline: 'epochs',
        checkpoint: done,
        table: 'epoch',
        keep: 'epoch >= 2',
        hide: `UPDATE epoch SET done_checkpoint = NULL, done_at = NULL WHERE epoch = 2; DELETE FROM epoch WHERE epoch > 2`,
        restore: 'DELETE FROM epoch WHERE epoch >= 2; INSERT INTO epoch SELECT * FROM hidden',
      },
      async () => {
        await orchestrator.reconcile(new Date());
        const lagging = await epoch2();
        expect(lagging.ended).toBe(false);
        expect(lagging.attestedLate).toBeNull();
      },
    );
    await orchestrator.reconcile(new Date());
    expect(await epoch2()).toEqual({ ended: true, states: ['received'], attestedLate: true });
  }, 30_000);
});
