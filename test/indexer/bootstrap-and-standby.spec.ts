import type { INestApplication } from '@nestjs/common';
import type { Devnet } from 'src/devnet/devnet';
import { IndexerService } from 'src/indexer/indexer.service';
import { createApp, runBackfill } from 'src/main';
import {
  buildDevnet,
  createTestDatabase,
  indexerConfig,
  indexUntil,
  query,
  serveDevnet,
  waitForWatermarks,
  type ServedDevnet,
} from 'test/support/indexer-harness';

type Row = Record<string, unknown>;

/** Rows of the state a snapshot restores, without the columns that say when Tusk saw them. */
async function stakingState(databaseUrl: string, epoch: number): Promise<Record<string, Row[]>> {
  const strip = (rows: Row[], extra: string[] = []) =>
    rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).filter(
          ([column]) => !['checkpoint', 'updated_at', 'first_seen_checkpoint', ...extra].includes(column),
        ),
      ),
    );
  return {
    // A pool's state in an epoch is its latest row up to that epoch: a replay writes a row only in
    // epochs that changed the pool, a snapshot writes every pool at its epoch.
    pools: strip(
      await query(
        databaseUrl,
        `SELECT DISTINCT ON (node_id) * FROM pool_state WHERE epoch <= ${epoch} ORDER BY node_id, epoch DESC`,
      ),
      ['epoch'],
    ),
    nodes: strip(await query(databaseUrl, 'SELECT * FROM storage_node ORDER BY node_id')),
    rates: strip(await query(databaseUrl, 'SELECT * FROM exchange_rate ORDER BY node_id, epoch')),
    committees: strip(
      await query(
        databaseUrl,
        `SELECT * FROM committee_member WHERE epoch >= ${epoch - 1} ORDER BY epoch, position`,
      ),
    ),
    activeSet: await query(
      databaseUrl,
      `SELECT * FROM active_set_member WHERE epoch = ${epoch} ORDER BY position`,
    ),
    state: strip(await query(databaseUrl, `SELECT * FROM staking_state WHERE epoch = ${epoch}`)),
    system: strip(await query(databaseUrl, `SELECT * FROM system_state WHERE epoch = ${epoch}`)),
    caps: strip(await query(databaseUrl, 'SELECT * FROM storage_node_cap ORDER BY cap_id')),
    // The entries of the slashing table: the latest version of each field still there (a snapshot
    // records the epoch it read a version in, not the one it was written in).
    slashingProposals: strip(
      await query(
        databaseUrl,
        `SELECT * FROM (SELECT DISTINCT ON (field_id) * FROM slashing_proposal_version ORDER BY field_id, version DESC) v
         WHERE operation <> 'deleted' ORDER BY field_id`,
      ),
      ['timestamp', 'operation', 'staking_epoch'],
    ),
    upgradeProposals: strip(
      await query(
        databaseUrl,
        `SELECT * FROM (SELECT DISTINCT ON (field_id) * FROM upgrade_proposal_version ORDER BY field_id, version DESC) v
         WHERE operation <> 'deleted' ORDER BY field_id`,
      ),
      ['timestamp', 'operation', 'staking_epoch', 'tx_digest'],
    ),
    metadata: strip(await query(databaseUrl, 'SELECT * FROM node_metadata ORDER BY metadata_id')),
  };
}

describe('bootstrap snapshot', () => {
  let devnet: Devnet;
  let served: ServedDevnet;

  beforeAll(async () => {
    devnet = buildDevnet('commission-hike', 3, 5);
    served = await serveDevnet(devnet);
  });

  afterAll(async () => {
    await served.server.close();
  });

  it('starts a fresh database at the current checkpoint with the state a full replay reaches', async () => {
    const replayed = await createTestDatabase();
    const snapshotted = await createTestDatabase();
    const tip = devnet.ledger.tip;
    const replay = await indexUntil(indexerConfig(replayed, served), tip);
    const snapshot = await indexUntil(
      indexerConfig(snapshotted, served, { TUSK_INDEXER_START: 'snapshot' }),
      tip,
    );
    try {
      // The snapshot starts at the tip: nothing before it was replayed.
      const [events] = await query<{ count: string }>(snapshotted, 'SELECT count(*) FROM walrus_event');
      expect(Number(events?.count)).toBe(0);
      const epoch = devnet.network.epoch;
      const fromSnapshot = await stakingState(snapshotted, epoch);
      expect(fromSnapshot.pools).toHaveLength(devnet.network.nodes.size);
      // commission-hike leaves a proposal of this epoch and a lapsed one of the last in the table.
      expect(fromSnapshot.slashingProposals?.map((row) => row.proposal_epoch).sort()).toEqual([
        epoch - 1,
        epoch,
      ]);
      // …and an open upgrade proposal of this epoch and a lapsed one of the last.
      expect(fromSnapshot.upgradeProposals?.map((row) => row.proposal_epoch).sort()).toEqual([
        epoch - 1,
        epoch,
      ]);
      expect(fromSnapshot.metadata).toHaveLength(devnet.network.nodes.size);
      expect(fromSnapshot).toEqual(await stakingState(replayed, epoch));

      // Then it follows the chain like any other start: an epoch later both agree again.
      devnet.runUntilEpochDone(epoch + 1);
      await waitForWatermarks(replayed, devnet.ledger.tip, 30_000);
      await waitForWatermarks(snapshotted, devnet.ledger.tip, 30_000);
      expect(await stakingState(snapshotted, epoch + 1)).toEqual(await stakingState(replayed, epoch + 1));

      // StakedWal positions are address-owned: a snapshot cannot list them. Backfilling the history
      // it skipped brings them, their versions and the events, exactly as the full replay has them.
      const history = async (databaseUrl: string) => ({
        positions: await query(databaseUrl, 'SELECT * FROM staked_wal ORDER BY object_id'),
        versions: await query(databaseUrl, 'SELECT * FROM staked_wal_version ORDER BY object_id, version'),
        events: await query(databaseUrl, 'SELECT * FROM walrus_event ORDER BY tx_digest, event_index'),
        epochs: await query(databaseUrl, 'SELECT * FROM epoch ORDER BY epoch'),
        attestations: await query(databaseUrl, 'SELECT * FROM node_attestation ORDER BY node_id, epoch'),
      });
      expect((await history(snapshotted)).positions.length).toBeLessThan(
        (await history(replayed)).positions.length,
      );
      const done = await runBackfill(
        0n,
        tip,
        indexerConfig(snapshotted, served, { TUSK_INDEXER_START: 'snapshot' }),
      );
      expect(done.checkpoints).toBe(tip + 1n);
      expect(await history(snapshotted)).toEqual(await history(replayed));
    } finally {
      await replay.close();
      await snapshot.close();
    }
  }, 90_000);
});

describe('hot standby', () => {
  it('keeps a second indexer waiting on the same database and lets it take over when the first stops', async () => {
    const devnet = buildDevnet('steady-state', 9, 2);
    const served = await serveDevnet(devnet);
    const databaseUrl = await createTestDatabase();
    const config = indexerConfig(databaseUrl, served, { TUSK_STANDBY_POLL_MS: '100' });
    let first: INestApplication | undefined;
    let second: INestApplication | undefined;
    try {
      first = await indexUntil(config, devnet.ledger.tip);
      second = await createApp(config, { quiet: true });
      await second.init();
      await waitFor(() => second?.get(IndexerService).status.role === 'standby');
      expect(first.get(IndexerService).status.role).toBe('leader');

      await first.close();
      first = undefined;
      await waitFor(() => second?.get(IndexerService).status.role === 'leader');
      devnet.runUntilEpochDone(3);
      await waitForWatermarks(databaseUrl, devnet.ledger.tip, 30_000);
      const [lease] = await query<{ term: string }>(databaseUrl, 'SELECT term FROM indexer_lease');
      expect(lease?.term).toBe('2');
    } finally {
      await first?.close();
      await second?.close();
      await served.server.close();
    }
  }, 60_000);
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error('condition not reached in time');
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
