import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import type { INestApplication } from '@nestjs/common';
import type { Devnet } from 'src/devnet/devnet';
import {
  buildDevnet,
  createTestDatabase,
  indexerConfig,
  indexUntil,
  serveDevnet,
  waitForHandoffPlans,
  type ServedDevnet,
} from 'test/support/indexer-harness';
import { runTusk } from 'test/support/run-cli';

describe('tusk report', () => {
  let devnet: Devnet;
  let served: ServedDevnet;
  let databaseUrl: string;
  let indexer: INestApplication;
  const saved = { ...process.env };

  beforeAll(async () => {
    devnet = buildDevnet('steady-state', 31, 3);
    served = await serveDevnet(devnet);
    databaseUrl = await createTestDatabase();
    indexer = await indexUntil(indexerConfig(databaseUrl, served), devnet.ledger.tip);
    await waitForHandoffPlans(databaseUrl, 30_000);
  }, 120_000);

  afterAll(async () => {
    await indexer.close();
    await served.server.close();
  });

  afterEach(() => {
    process.env = { ...saved };
  });

  /** Runs the CLI with the network's settings, the instance's database and `env`. */
  const report = (args: string[], env: Record<string, string | undefined>) => {
    process.env = { ...saved, ...served.env, DATABASE_URL: databaseUrl, ...env };
    for (const [name, value] of Object.entries(env)) {
      if (value === undefined) {
        Reflect.deleteProperty(process.env, name);
      }
    }
    return runTusk(['report', ...args]);
  };

  it('refuses without a key, with a malformed key, or without the instance’s database, saying which setting', async () => {
    const missing = await report(['register'], {});
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('TUSK_REPORTER_KEY is not set') as string,
    });
    const malformed = await report(['register'], { TUSK_REPORTER_KEY: 'suiprivkey1qverysecretbutbroken' });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('TUSK_REPORTER_KEY is not a valid suiprivkey');
    expect(malformed.stderr).not.toContain('verysecret');
    const noDatabase = await report(['publish', '--epoch', '1'], {
      TUSK_REPORTER_KEY: Ed25519Keypair.generate().getSecretKey(),
      DATABASE_URL: undefined,
    });
    expect(noDatabase).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('set DATABASE_URL') as string,
    });
    const badEpoch = await report(['publish', '--epoch', 'two'], {});
    expect(badEpoch).toMatchObject({ code: 2, stderr: 'tusk: --epoch must be an epoch number, got "two"\n' });
  });

  it('registers, publishes an ended epoch once, and says why it cannot publish another', async () => {
    const key = {
      TUSK_REPORTER_KEY: Ed25519Keypair.generate().getSecretKey(),
      TUSK_REPORTER_NAME: 'cli-tusk',
    };
    const unregistered = await report(['publish', '--epoch', '2'], key);
    expect(unregistered).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('tusk report register') as string,
    });
    const registered = await report(['register'], key);
    expect(registered.code).toBe(0);
    const { reporterId } = JSON.parse(registered.stdout) as { reporterId: string };
    expect(reporterId).toMatch(/^0x[0-9a-f]{64}$/);
    const published = await report(['publish', '--epoch', '2'], key);
    expect(published.code).toBe(0);
    expect(JSON.parse(published.stdout)).toMatchObject({
      epoch: 2,
      reporterId,
      digest: expect.any(String) as string,
    });
    const again = await report(['publish', '--epoch', '2'], key);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/aborted with EReportExists \(code 0\): this reporter already published/);
    const future = await report(['publish', '--epoch', String(devnet.network.epoch + 5)], key);
    expect(future).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('its handoff has not ended') as string,
    });
  });
});
