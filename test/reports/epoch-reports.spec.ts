import { Ed25519Keypair } from '@mysten/sui/keypairs/ed25519';
import request from 'supertest';
import type { Server } from 'node:http';
import { ReportAbortedError } from 'src/chain/report-transactions';
import type { DevnetServer } from 'src/devnet/devnet.server';
import { ReportPublisher } from 'src/reports/report-publisher';
import { graphql } from 'test/support/graphql';
import { query, waitForRows } from 'test/support/indexer-harness';
import { startLiveTusk, startLocalNetwork, type LiveTusk } from 'test/support/live-tusk';

interface ReportJson {
  reporterName: string;
  own: boolean;
  agrees: boolean | null;
  differences: string[];
  committeeDigest: string;
  auditMatches: boolean;
}

/**
 * Two Tusk instances with keys of their own on one local network in real time: `a` publishes
 * after every handoff, `b` on request. Each reads the other's reports through its own index.
 */
describe('epoch reports published on chain and cross-checked between Tusk instances', () => {
  let network: { server: DevnetServer; env: Record<string, string> };
  let a: LiveTusk;
  let b: LiveTusk;

  beforeAll(async () => {
    network = await startLocalNetwork('steady-state', 8000);
    const reporter = (name: string, publish: string) => ({
      ...network.env,
      TUSK_REPORTER_KEY: Ed25519Keypair.generate().getSecretKey(),
      TUSK_REPORTER_NAME: name,
      TUSK_REPORTS_PUBLISH: publish,
    });
    a = await startLiveTusk('steady-state', reporter('tusk-a', 'after-handoff'));
    b = await startLiveTusk('steady-state', reporter('tusk-b', 'off'));
  }, 120_000);

  afterAll(async () => {
    await a.close();
    await b.close();
    await network.server.stop();
  });

  const reportsOn = async (tusk: LiveTusk, epoch: number) => {
    const response = await graphql(
      tusk.app,
      `{ epochReports(epoch: ${epoch}) { epoch own { committeeDigest } agreeing disagreeing
         reports { reporterName own agrees differences committeeDigest auditMatches } } }`,
      { fresh: true },
    );
    expect(response.errors).toBeUndefined();
    return response.data?.epochReports as {
      own: { committeeDigest: string } | null;
      agreeing: number;
      disagreeing: number;
      reports: ReportJson[];
    };
  };

  /** Waits until `tusk` has indexed `count` reports on `epoch`. */
  const indexed = (tusk: LiveTusk, epoch: number, count: number) =>
    waitForRows(
      tusk.databaseUrl,
      `SELECT reporter_id FROM epoch_report WHERE epoch = ${epoch}`,
      (rows) => rows.length >= count,
      120_000,
    );

  it('publishes both verdicts on the same epochs, and each instance finds the other agreeing', async () => {
    // `a` publishes on its own once the handoff into epoch 2 has ended.
    await indexed(a, 2, 1);
    const publisher = b.app.get(ReportPublisher, { strict: false });
    const registered = await publisher.register();
    expect(registered.reporterId).toMatch(/^0x[0-9a-f]{64}$/);
    // Registering again keeps the cap it has.
    await expect(publisher.register()).resolves.toEqual({ reporterId: registered.reporterId, digest: null });
    await publisher.publish(2);
    await indexed(a, 2, 2);
    await indexed(b, 2, 2);
    for (const [tusk, own] of [
      [a, 'tusk-a'],
      [b, 'tusk-b'],
    ] as const) {
      const view = await reportsOn(tusk, 2);
      expect(view.reports.map((report) => [report.reporterName, report.own, report.agrees]).sort()).toEqual(
        [
          ['tusk-a', own === 'tusk-a', true],
          ['tusk-b', own === 'tusk-b', true],
        ].sort(),
      );
      expect(view.reports.every((report) => report.committeeDigest === view.own?.committeeDigest)).toBe(true);
      expect(view.disagreeing).toBe(0);
    }
    // A report is immutable: a second one on the same epoch is refused by the package.
    const again = publisher.publish(2);
    await expect(again).rejects.toThrow(ReportAbortedError);
    await expect(again).rejects.toThrow(/EReportExists \(code 0\)/);
  }, 180_000);

  it('alerts on the instance whose peer was fed a tampered committee, with the fields that differ', async () => {
    await indexed(a, 3, 1);
    // `b`'s index of the active set voting_end read for epoch 3 is tampered with: its smallest
    // member gets ten times its stake, so `b` recomputes another committee.
    await query(
      b.databaseUrl,
      `UPDATE committee_selection_member SET staked_amount = staked_amount * 10
       WHERE epoch = 3 AND position = (SELECT max(position) FROM committee_selection_member WHERE epoch = 3)`,
    );
    const publisher = b.app.get(ReportPublisher, { strict: false });
    await publisher.publish(3);
    await indexed(a, 3, 2);
    const view = await reportsOn(a, 3);
    const tampered = view.reports.find((report) => report.reporterName === 'tusk-b');
    expect(tampered).toMatchObject({ own: false, agrees: false, auditMatches: false });
    expect(tampered?.differences).toEqual(expect.arrayContaining(['committeeDigest', 'auditMatches']));
    expect(view.reports.find((report) => report.reporterName === 'tusk-a')?.agrees).toBe(true);
    const alerts = await waitForRows<{ kind: string; subject: string; summary: string }>(
      a.databaseUrl,
      `SELECT kind, subject, summary FROM alert WHERE kind = 'epoch_report_disagrees' AND epoch = 3 AND resolved_at IS NULL`,
      (rows) => rows.length === 1,
      60_000,
    );
    expect(alerts[0]?.summary).toMatch(
      /^tusk-b reports epoch 3 differently from this instance: committeeDigest, auditMatches/,
    );
    // The gauge follows the same check, a moment after the alert is written.
    const deadline = Date.now() + 30_000;
    let exported = '';
    while (!/tusk_epoch_reports\{agreement="disagree"\} [1-9]/.test(exported) && Date.now() < deadline) {
      exported = (await request(a.app.getHttpServer() as Server).get('/metrics')).text;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(exported).toMatch(/tusk_epoch_reports\{agreement="disagree"\} [1-9]/);
  }, 180_000);
});
