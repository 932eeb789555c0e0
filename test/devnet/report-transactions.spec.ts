import { SuiGrpcClient } from '@mysten/sui/grpc';
import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import { Transaction } from '@mysten/sui/transactions';
import * as R from 'src/chain/reports-bcs';
import {
  ReportAbortedError,
  ReporterKeyError,
  ReportTransactions,
  reporterKeypair,
} from 'src/chain/report-transactions';
import type { Devnet } from 'src/devnet/devnet';
import { committeeDigest, rewardsDigest } from 'src/domain/reports/report-digests';
import { buildDevnet, serveDevnet, type ServedDevnet } from 'test/support/indexer-harness';

describe('tusk_reports transactions on the local network', () => {
  let devnet: Devnet;
  let served: ServedDevnet;
  let client: SuiGrpcClient;

  beforeAll(async () => {
    devnet = buildDevnet('steady-state', 23, 2);
    served = await serveDevnet(devnet);
    client = new SuiGrpcClient({ network: 'localnet', baseUrl: served.url });
  });

  afterAll(async () => {
    await served.server.close();
  });

  const reporter = (key = Ed25519Keypair.generate().getSecretKey()) =>
    new ReportTransactions(client, {
      packageId: devnet.reports.packageId,
      registryId: devnet.reports.registryId,
      stakingObjectId: devnet.network.deployment.stakingObjectId,
      key,
      gasBudget: 50_000_000n,
    });

  const report = (epoch: number) => ({
    epoch,
    committeeDigest: committeeDigest([{ nodeId: '0x1', shards: [0, 1] }]),
    auditMatches: true,
    handoff: {
      movedShards: 12,
      attestedWeight: 1000,
      quorumMs: 4_000n,
      lateAttesters: [],
      prematureAttesters: ['0x2'],
    },
    rewardsDigest: rewardsDigest([]),
  });

  /** Events of the package sealed since `from`, decoded. */
  function published(from: bigint) {
    devnet.tick();
    return devnet.ledger.events
      .filter(
        (entry) =>
          entry.checkpoint > from &&
          entry.event.eventType === R.reportTypes(devnet.reports.packageId).reportPublished,
      )
      .map((entry) => R.ReportPublished.parse(entry.event.contents?.value ?? new Uint8Array()));
  }

  it('registers a reporter, publishes its report signed by its key, and seals the event into a checkpoint', async () => {
    const alice = reporter();
    const { capId } = await alice.register('tusk-a');
    expect(capId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await alice.findCap()).toBe(capId);
    const tip = devnet.ledger.tip;
    devnet.tick();
    const { digest } = await alice.publish(capId, report(1));
    expect(digest).toBeTruthy();
    const [event] = published(tip);
    expect(event).toMatchObject({
      registry_id: devnet.reports.registryId,
      report: {
        reporter: capId,
        reporter_address: alice.address,
        epoch: 1,
        audit_matches: true,
        handoff: {
          moved_shards: 12,
          attested_weight: 1000,
          quorum_ms: '4000',
          premature_attesters: [`0x${'0'.repeat(63)}2`],
        },
        published_at_ms: String(devnet.now - devnet.checkpointIntervalMs),
      },
    });
    expect(Uint8Array.from(event?.report.committee_digest ?? [])).toEqual(report(1).committeeDigest);
  });

  it('answers a second report for an epoch and a future epoch with the package’s named aborts, changing nothing', async () => {
    const bob = reporter();
    const { capId } = await bob.register('tusk-b');
    await bob.publish(capId, report(2));
    expect(published(devnet.ledger.tip)).toHaveLength(1);
    const tip = devnet.ledger.tip;
    const again = bob.publish(capId, report(2));
    await expect(again).rejects.toThrow(ReportAbortedError);
    await expect(again).rejects.toThrow(/EReportExists \(code 0\).*already published/);
    await expect(bob.publish(capId, report(devnet.network.epoch + 1))).rejects.toThrow(
      /EFutureEpoch \(code 1\)/,
    );
    expect(published(tip)).toEqual([]);
  });

  it('refuses a transaction whose signature is not the sender’s with a gRPC error', async () => {
    const sender = Ed25519Keypair.generate();
    const other = Ed25519Keypair.generate();
    const tx = new Transaction();
    tx.moveCall({
      target: `${devnet.reports.packageId}::epoch_reports::register_reporter`,
      arguments: [
        tx.sharedObjectRef({ objectId: devnet.reports.registryId, initialSharedVersion: 1, mutable: true }),
        tx.pure.string('forged'),
      ],
    });
    tx.setSender(sender.toSuiAddress());
    tx.setGasBudget(50_000_000n);
    tx.setGasPrice(1000n);
    tx.setGasPayment([]);
    tx.setExpiration({ None: true });
    const bytes = await tx.build({ client });
    const { signature } = await other.signTransaction(bytes);
    await expect(
      client.core.executeTransaction({ transaction: bytes, signatures: [signature] }),
    ).rejects.toThrow(/signature does not verify for the sender/);
  });

  it('refuses a missing or malformed key without showing it', () => {
    expect(() => reporterKeypair(undefined)).toThrow(ReporterKeyError);
    expect(() => reporterKeypair('suiprivkey1notakey')).toThrow(
      /TUSK_REPORTER_KEY is not a valid suiprivkey/,
    );
    try {
      reporterKeypair('suiprivkey1qsecretvalue');
    } catch (error) {
      expect(String(error)).not.toContain('secretvalue');
    }
  });
});
