#[test_only]
module tusk_reports::epoch_reports_tests;

use std::unit_test::assert_eq;
use sui::test_scenario::{Self as test, Scenario};
use tusk_reports::epoch_reports::{Self, HandoffSummary, Registry, ReporterCap};

const ALICE: address = @0xA11CE;
const BOB: address = @0xB0B;
/// The current Walrus epoch the tests publish against.
const CURRENT_EPOCH: u32 = 5;
const NOW_MS: u64 = 1_767_225_600_000;

fun digest(byte: u8, length: u64): vector<u8> {
    vector::tabulate!(length, |_| byte)
}

fun summary(): HandoffSummary {
    epoch_reports::new_handoff_summary(14, 1000, option::some(2_500), vector[], vector[])
}

/// A registry shared by ALICE's transaction, and ALICE registered as `tusk-a`.
fun setup(): Scenario {
    let mut test = test::begin(ALICE);
    epoch_reports::init_for_testing(test.ctx());
    register(&mut test, ALICE, b"tusk-a");
    test
}

fun register(test: &mut Scenario, sender: address, name: vector<u8>) {
    test.next_tx(sender);
    let mut registry = test.take_shared<Registry>();
    epoch_reports::register_reporter(&mut registry, name.to_string(), test.ctx());
    test::return_shared(registry);
}

/// `sender` publishes with its cap for `epoch`, with the given digest lengths.
fun publish(test: &mut Scenario, sender: address, epoch: u32, committee_length: u64, rewards_length: u64) {
    test.next_tx(sender);
    let mut registry = test.take_shared<Registry>();
    let cap = test.take_from_sender<ReporterCap>();
    epoch_reports::publish_at_epoch(
        &mut registry,
        &cap,
        CURRENT_EPOCH,
        epoch,
        digest(0xC0, committee_length),
        true,
        summary(),
        digest(0xEE, rewards_length),
        NOW_MS,
        test.ctx(),
    );
    test.return_to_sender(cap);
    test::return_shared(registry);
}

#[test]
fun registers_a_reporter_with_its_owner_and_name() {
    let mut test = setup();
    test.next_tx(ALICE);
    let cap = test.take_from_sender<ReporterCap>();
    assert_eq!(cap.cap_owner(), ALICE);
    assert_eq!(cap.cap_name(), b"tusk-a".to_string());
    let registry = test.take_shared<Registry>();
    assert_eq!(registry.reporters(), 1);
    assert_eq!(registry.reports(), 0);
    test::return_shared(registry);
    test.return_to_sender(cap);
    test.end();
}

#[test]
fun publishes_one_report_per_epoch_and_reads_it_back() {
    let mut test = setup();
    publish(&mut test, ALICE, 4, 32, 32);
    publish(&mut test, ALICE, CURRENT_EPOCH, 32, 32);
    test.next_tx(ALICE);
    let cap = test.take_from_sender<ReporterCap>();
    let registry = test.take_shared<Registry>();
    let reporter = object::id(&cap);
    assert_eq!(registry.reports(), 2);
    assert!(registry.has_report(reporter, 4));
    assert!(!registry.has_report(reporter, 3));
    let report = registry.report(reporter, 4);
    assert_eq!(report.report_epoch(), 4);
    assert_eq!(report.report_reporter(), reporter);
    assert_eq!(report.report_committee_digest(), digest(0xC0, 32));
    assert_eq!(report.report_rewards_digest(), digest(0xEE, 32));
    assert!(report.report_audit_matches());
    assert_eq!(report.report_published_at_ms(), NOW_MS);
    let handoff = report.report_handoff();
    assert_eq!(handoff.handoff_moved_shards(), 14);
    assert_eq!(handoff.handoff_attested_weight(), 1000);
    assert_eq!(handoff.handoff_quorum_ms(), option::some(2_500));
    test::return_shared(registry);
    test.return_to_sender(cap);
    test.end();
}

#[test]
fun two_reporters_publish_for_the_same_epoch() {
    let mut test = setup();
    register(&mut test, BOB, b"tusk-b");
    publish(&mut test, ALICE, 3, 32, 32);
    publish(&mut test, BOB, 3, 32, 32);
    test.next_tx(BOB);
    let registry = test.take_shared<Registry>();
    assert_eq!(registry.reporters(), 2);
    assert_eq!(registry.reports(), 2);
    test::return_shared(registry);
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EReportExists)]
fun refuses_a_second_report_for_the_same_epoch() {
    let mut test = setup();
    publish(&mut test, ALICE, 3, 32, 32);
    publish(&mut test, ALICE, 3, 32, 32);
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EFutureEpoch)]
fun refuses_a_report_for_a_future_epoch() {
    let mut test = setup();
    publish(&mut test, ALICE, CURRENT_EPOCH + 1, 32, 32);
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EMalformedDigest)]
fun refuses_a_short_committee_digest() {
    let mut test = setup();
    publish(&mut test, ALICE, 3, 31, 32);
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EMalformedDigest)]
fun refuses_a_long_rewards_digest() {
    let mut test = setup();
    publish(&mut test, ALICE, 3, 32, 33);
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EWrongRegistry)]
fun refuses_a_cap_of_another_registry() {
    let mut test = setup();
    // A second registry: ALICE's cap was issued by the first.
    test.next_tx(BOB);
    epoch_reports::init_for_testing(test.ctx());
    test.next_tx(ALICE);
    let first = test.take_shared<Registry>();
    let second = test.take_shared<Registry>();
    let cap = test.take_from_sender<ReporterCap>();
    // take_shared returns the most recent first: whichever the cap does not name is refused.
    let (mut other, kept) = if (epoch_reports::cap_registry(&cap) == object::id(&first)) {
        (second, first)
    } else {
        (first, second)
    };
    epoch_reports::publish_at_epoch(
        &mut other,
        &cap,
        CURRENT_EPOCH,
        3,
        digest(0xC0, 32),
        true,
        summary(),
        digest(0xEE, 32),
        NOW_MS,
        test.ctx(),
    );
    test.return_to_sender(cap);
    test::return_shared(other);
    test::return_shared(kept);
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EInvalidName)]
fun refuses_an_empty_name() {
    let mut test = setup();
    register(&mut test, BOB, b"");
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EInvalidName)]
fun refuses_a_name_over_64_bytes() {
    let mut test = setup();
    register(&mut test, BOB, digest(0x61, 65));
    test.end();
}

#[test, expected_failure(abort_code = epoch_reports::EMalformedHandoff)]
fun refuses_weight_above_the_shards() {
    epoch_reports::new_handoff_summary(0, 1001, option::none(), vector[], vector[]);
}
