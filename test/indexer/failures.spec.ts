import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { IndexerService } from 'src/indexer/indexer.service';
import { createApp } from 'src/main';
import {
  buildDevnet,
  createTestDatabase,
  indexerConfig,
  indexUntil,
  query,
  serveDevnet,
} from 'test/support/indexer-harness';

describe('a checkpoint the indexer cannot decode', () => {
  it('stops that pipeline just before it, names the checkpoint and reason in health, metrics and _meta, and lets the others go on', async () => {
    const devnet = buildDevnet('steady-state', 4, 2);
    // A StakedWal whose contents are not a StakedWal: a broken invariant, not a flaky node.
    const owner = devnet.delegatorAddress('mallory');
    const broken = devnet.ledger.newObjectId();
    devnet.ledger.execute({
      sender: owner,
      calls: [],
      writes: [
        {
          objectId: broken,
          owner: { kind: 'address', address: owner },
          type: devnet.network.types.stakedWal,
          contents: new Uint8Array([1, 2, 3]),
        },
      ],
    });
    devnet.ledger.sealCheckpoint(devnet.now + 1);
    const bad = devnet.ledger.tip;
    devnet.runUntilEpochDone(3);
    const tip = devnet.ledger.tip;

    const served = await serveDevnet(devnet);
    const databaseUrl = await createTestDatabase();
    const app: INestApplication = await createApp(
      indexerConfig(databaseUrl, served, { APP_ROLE: 'all', TUSK_INDEXER_BATCH_SIZE: '500' }),
      { quiet: true },
    );
    try {
      await app.init();
      const deadline = Date.now() + 30_000;
      let rows: {
        pipeline: string;
        checkpoint: string;
        error: string | null;
        error_checkpoint: string | null;
      }[] = [];
      for (;;) {
        rows = await query(
          databaseUrl,
          'SELECT pipeline, checkpoint_hi_inclusive AS checkpoint, error, error_checkpoint FROM pipeline_watermark ORDER BY pipeline',
        );
        const others = rows.filter((row) => row.pipeline !== 'staked_wal');
        if (
          others.length === 3 &&
          others.every((row) => BigInt(row.checkpoint) >= tip) &&
          rows.some((row) => row.error !== null)
        ) {
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(`not settled: ${JSON.stringify(rows)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const stakedWal = rows.find((row) => row.pipeline === 'staked_wal');
      // Everything before the bad checkpoint is committed; nothing from it on.
      expect(stakedWal).toMatchObject({ checkpoint: String(bad - 1n), error_checkpoint: String(bad) });
      expect(stakedWal?.error).toContain(`cannot decode stakedWal ${broken}`);

      const server = app.getHttpServer() as Server;
      const health = await request(server).get('/health').expect(503);
      expect(health.body).toMatchObject({
        error: {
          indexer: {
            status: 'down',
            halted: { staked_wal: expect.stringContaining(`checkpoint ${bad}`) as string },
          },
        },
      });
      const metrics = await request(server).get('/metrics').expect(200);
      expect(metrics.text).toContain('tusk_indexer_pipeline_halted{pipeline="staked_wal"} 1');
      expect(metrics.text).toContain('tusk_indexer_pipeline_halted{pipeline="staking"} 0');
      const meta = await request(server)
        .post('/graphql')
        .send({ query: '{ _meta { checkpoint pipelines { name checkpoint error } } }' })
        .expect(200);
      const body = meta.body as {
        data: { _meta: { checkpoint: string; pipelines: { name: string; error: string | null }[] } };
      };
      expect(body.data._meta.checkpoint).toBe(String(bad - 1n));
      expect(body.data._meta.pipelines.find((p) => p.name === 'staked_wal')?.error).toContain(
        'cannot decode',
      );
    } finally {
      await app.close();
      await served.server.close();
    }
  }, 60_000);
});

describe('a database indexed from another chain', () => {
  it('is refused with both chains named, and nothing written', async () => {
    const first = buildDevnet('steady-state', 1, 1);
    const second = buildDevnet('node-churn', 2, 1);
    const servedFirst = await serveDevnet(first);
    const servedSecond = await serveDevnet(second);
    const databaseUrl = await createTestDatabase();
    try {
      const indexing = await indexUntil(indexerConfig(databaseUrl, servedFirst), first.ledger.tip);
      await indexing.close();
      const before = await query(
        databaseUrl,
        'SELECT pipeline, checkpoint_hi_inclusive FROM pipeline_watermark',
      );

      const other = await createApp(indexerConfig(databaseUrl, servedSecond), { quiet: true });
      try {
        await other.init();
        const indexer = other.get(IndexerService);
        const deadline = Date.now() + 20_000;
        while (indexer.status.role !== 'failed' && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        expect(indexer.status.role).toBe('failed');
        expect(indexer.status.error).toContain(`this database indexes local (chain ${first.ledger.chainId}`);
        expect(indexer.status.error).toContain(`configured for local (chain ${second.ledger.chainId}`);
      } finally {
        await other.close();
      }
      expect(
        await query(databaseUrl, 'SELECT pipeline, checkpoint_hi_inclusive FROM pipeline_watermark'),
      ).toEqual(before);
    } finally {
      await servedFirst.server.close();
      await servedSecond.server.close();
    }
  }, 60_000);
});
