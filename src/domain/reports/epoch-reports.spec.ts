import {
  MoveAbortError,
  hasReport,
  newHandoffSummary,
  newRegistry,
  publishAtEpoch,
  registerReporter,
  reportsAgree,
  type Registry,
  type ReporterCap,
} from 'src/domain/reports/epoch-reports';

// One test per Move unit test of move/tests/epoch_reports_tests.move, with the same inputs.
const ALICE = '0x00000000000000000000000000000000000000000000000000000000000a11ce';
const BOB = '0x0000000000000000000000000000000000000000000000000000000000000b0b';
const CURRENT_EPOCH = 5;
const NOW_MS = 1_767_225_600_000n;

const digest = (byte: number, length: number) => new Uint8Array(length).fill(byte);
const summary = () =>
  newHandoffSummary({
    movedShards: 14,
    attestedWeight: 1000,
    quorumMs: 2_500n,
    lateAttesters: [],
    prematureAttesters: [],
  });

function setup(): { registry: Registry; alice: ReporterCap } {
  const registry = newRegistry('0x1');
  return { registry, alice: registerReporter(registry, 'tusk-a', ALICE, '0xa') };
}

function publish(
  registry: Registry,
  cap: ReporterCap,
  epoch: number,
  committeeLength = 32,
  rewardsLength = 32,
) {
  return publishAtEpoch(registry, cap, {
    currentEpoch: CURRENT_EPOCH,
    epoch,
    committeeDigest: digest(0xc0, committeeLength),
    auditMatches: true,
    handoff: summary(),
    rewardsDigest: digest(0xee, rewardsLength),
    nowMs: NOW_MS,
    sender: cap.owner,
  });
}

const abortOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof MoveAbortError ? error.abort : error;
  }
  return 'no abort';
};

describe('epoch_reports, simulated as the Move code specifies', () => {
  it('registers_a_reporter_with_its_owner_and_name', () => {
    const { registry, alice } = setup();
    expect(alice).toEqual({ id: '0xa', registryId: '0x1', name: 'tusk-a', owner: ALICE });
    expect(registry.reporters).toBe(1n);
    expect(registry.reports).toBe(0n);
  });

  it('publishes_one_report_per_epoch_and_reads_it_back', () => {
    const { registry, alice } = setup();
    publish(registry, alice, 4);
    publish(registry, alice, CURRENT_EPOCH);
    expect(registry.reports).toBe(2n);
    expect(hasReport(registry, alice.id, 4)).toBe(true);
    expect(hasReport(registry, alice.id, 3)).toBe(false);
    const report = registry.byKey.get(`${alice.id}:4`);
    expect(report).toEqual({
      reporter: alice.id,
      reporterAddress: ALICE,
      epoch: 4,
      committeeDigest: digest(0xc0, 32),
      auditMatches: true,
      handoff: {
        movedShards: 14,
        attestedWeight: 1000,
        quorumMs: 2_500n,
        lateAttesters: [],
        prematureAttesters: [],
      },
      rewardsDigest: digest(0xee, 32),
      publishedAtMs: NOW_MS,
    });
  });

  it('two_reporters_publish_for_the_same_epoch', () => {
    const { registry, alice } = setup();
    const bob = registerReporter(registry, 'tusk-b', BOB, '0xb');
    const a = publish(registry, alice, 3);
    const b = publish(registry, bob, 3);
    expect(registry.reporters).toBe(2n);
    expect(registry.reports).toBe(2n);
    expect(reportsAgree(a, b)).toBe(true);
    expect(reportsAgree(a, { ...b, committeeDigest: digest(0xc1, 32) })).toBe(false);
    // What a reporter saw of the nodes is its own: it does not make reports disagree.
    expect(reportsAgree(a, { ...b, handoff: { ...b.handoff, lateAttesters: [BOB] } })).toBe(true);
  });

  it('refuses_a_second_report_for_the_same_epoch', () => {
    const { registry, alice } = setup();
    publish(registry, alice, 3);
    expect(abortOf(() => publish(registry, alice, 3))).toBe('EReportExists');
    expect(registry.reports).toBe(1n);
  });

  it('refuses_a_report_for_a_future_epoch', () => {
    const { registry, alice } = setup();
    expect(abortOf(() => publish(registry, alice, CURRENT_EPOCH + 1))).toBe('EFutureEpoch');
  });

  it('refuses_a_short_committee_digest and refuses_a_long_rewards_digest', () => {
    const { registry, alice } = setup();
    expect(abortOf(() => publish(registry, alice, 3, 31, 32))).toBe('EMalformedDigest');
    expect(abortOf(() => publish(registry, alice, 3, 32, 33))).toBe('EMalformedDigest');
    expect(registry.reports).toBe(0n);
  });

  it('refuses_a_cap_of_another_registry', () => {
    const { alice } = setup();
    const second = newRegistry('0x2');
    expect(abortOf(() => publish(second, alice, 3))).toBe('EWrongRegistry');
  });

  it('refuses_an_empty_name and refuses_a_name_over_64_bytes', () => {
    const { registry } = setup();
    expect(abortOf(() => registerReporter(registry, '', BOB, '0xb'))).toBe('EInvalidName');
    expect(abortOf(() => registerReporter(registry, 'a'.repeat(65), BOB, '0xb'))).toBe('EInvalidName');
    // Bytes, not characters: 32 two-byte letters fit, 33 do not.
    expect(abortOf(() => registerReporter(registry, 'é'.repeat(33), BOB, '0xb'))).toBe('EInvalidName');
    expect(registerReporter(registry, 'é'.repeat(32), BOB, '0xb').name).toHaveLength(32);
  });

  it('refuses_weight_above_the_shards', () => {
    expect(
      abortOf(() =>
        newHandoffSummary({
          movedShards: 0,
          attestedWeight: 1001,
          quorumMs: null,
          lateAttesters: [],
          prematureAttesters: [],
        }),
      ),
    ).toBe('EMalformedHandoff');
  });
});
