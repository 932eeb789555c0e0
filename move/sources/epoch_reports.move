/// Verifiable epoch reports: each Tusk instance registers once as a reporter and publishes, for
/// each Walrus epoch, its own verdict on that epoch's control plane (the committee it recomputed,
/// whether the chain's committee matched it, how the handoff into the epoch went, and what the
/// epoch's rewards paid). A report is immutable once published; any client compares them.
module tusk_reports::epoch_reports;

use std::string::String;
use sui::{clock::Clock, dynamic_field as df, event};
use walrus::staking::Staking;

// === Errors ===

/// The reporter already published a report for this epoch.
const EReportExists: u64 = 0;
/// The epoch has not started yet on the Walrus staking object.
const EFutureEpoch: u64 = 1;
/// A digest is not 32 bytes long.
const EMalformedDigest: u64 = 2;
/// The reporter capability belongs to another registry.
const EWrongRegistry: u64 = 3;
/// A reporter name is empty or longer than `MAX_NAME_LENGTH` bytes.
const EInvalidName: u64 = 4;
/// A handoff summary counts more shard weight than the network has shards.
const EMalformedHandoff: u64 = 5;

// === Constants ===

/// Bytes of a Blake2b-256 digest.
const DIGEST_LENGTH: u64 = 32;
const MAX_NAME_LENGTH: u64 = 64;
/// Shards of a Walrus network; a summary's weights and moves are counted in shards.
const MAX_SHARDS: u16 = 1000;

// === Structs ===

/// The shared registry every reporter publishes into.
public struct Registry has key {
    id: UID,
    reporters: u64,
    reports: u64,
}

/// One Tusk instance's right to publish: kept by the address that registered it.
public struct ReporterCap has key {
    id: UID,
    registry_id: ID,
    name: String,
    owner: address,
}

/// Where a report is kept: a dynamic field of the registry, one per reporter and epoch.
public struct ReportKey has copy, drop, store {
    reporter: ID,
    epoch: u32,
}

/// How the handoff into the epoch went, as the reporter observed it.
public struct HandoffSummary has copy, drop, store {
    /// Shards that changed hands into this epoch.
    moved_shards: u16,
    /// Shard weight of the members that attested `epoch_sync_done`.
    attested_weight: u16,
    /// Milliseconds from the epoch change's start to the sync quorum; none if it was not seen.
    quorum_ms: Option<u64>,
    /// Members that attested after the handoff's deadline.
    late_attesters: vector<ID>,
    /// Members that attested before their shards were ready.
    premature_attesters: vector<ID>,
}

/// One reporter's verdict on one epoch.
public struct Report has copy, drop, store {
    reporter: ID,
    reporter_address: address,
    epoch: u32,
    /// Blake2b-256 of the committee as the reporter computed it (see move/README.md).
    committee_digest: vector<u8>,
    /// Whether the committee on chain equals the reporter's recomputation.
    audit_matches: bool,
    handoff: HandoffSummary,
    /// Blake2b-256 of the epoch's rewards per node (see move/README.md).
    rewards_digest: vector<u8>,
    published_at_ms: u64,
}

// === Events ===

public struct ReporterRegistered has copy, drop {
    registry_id: ID,
    reporter: ID,
    owner: address,
    name: String,
}

public struct ReportPublished has copy, drop {
    registry_id: ID,
    report: Report,
}

// === Init ===

fun init(ctx: &mut TxContext) {
    transfer::share_object(Registry { id: object::new(ctx), reporters: 0, reports: 0 });
}

// === Public functions ===

/// Registers the sender as a reporter under `name`; the capability goes to the sender.
public fun register_reporter(registry: &mut Registry, name: String, ctx: &mut TxContext) {
    let length = name.length();
    assert!(length > 0 && length <= MAX_NAME_LENGTH, EInvalidName);
    let cap = ReporterCap {
        id: object::new(ctx),
        registry_id: object::id(registry),
        name,
        owner: ctx.sender(),
    };
    registry.reporters = registry.reporters + 1;
    event::emit(ReporterRegistered {
        registry_id: object::id(registry),
        reporter: object::id(&cap),
        owner: ctx.sender(),
        name,
    });
    transfer::transfer(cap, ctx.sender());
}

/// Builds a handoff summary to publish; refuses weights above the network's shards.
public fun new_handoff_summary(
    moved_shards: u16,
    attested_weight: u16,
    quorum_ms: Option<u64>,
    late_attesters: vector<ID>,
    premature_attesters: vector<ID>,
): HandoffSummary {
    assert!(moved_shards <= MAX_SHARDS && attested_weight <= MAX_SHARDS, EMalformedHandoff);
    HandoffSummary { moved_shards, attested_weight, quorum_ms, late_attesters, premature_attesters }
}

/// Publishes the reporter's verdict on `epoch`, which must have started on `staking`.
public fun publish(
    registry: &mut Registry,
    cap: &ReporterCap,
    staking: &Staking,
    epoch: u32,
    committee_digest: vector<u8>,
    audit_matches: bool,
    handoff: HandoffSummary,
    rewards_digest: vector<u8>,
    clock: &Clock,
    ctx: &TxContext,
) {
    publish_at_epoch(
        registry,
        cap,
        staking.epoch(),
        epoch,
        committee_digest,
        audit_matches,
        handoff,
        rewards_digest,
        clock.timestamp_ms(),
        ctx,
    );
}

// === Reads ===

public fun has_report(registry: &Registry, reporter: ID, epoch: u32): bool {
    df::exists_(&registry.id, ReportKey { reporter, epoch })
}

/// The report of `reporter` for `epoch`; aborts when there is none.
public fun report(registry: &Registry, reporter: ID, epoch: u32): &Report {
    df::borrow(&registry.id, ReportKey { reporter, epoch })
}

public fun reporters(registry: &Registry): u64 { registry.reporters }

public fun reports(registry: &Registry): u64 { registry.reports }

public fun cap_name(cap: &ReporterCap): String { cap.name }

public fun cap_owner(cap: &ReporterCap): address { cap.owner }

public fun cap_registry(cap: &ReporterCap): ID { cap.registry_id }

public fun report_epoch(report: &Report): u32 { report.epoch }

public fun report_reporter(report: &Report): ID { report.reporter }

public fun report_committee_digest(report: &Report): vector<u8> { report.committee_digest }

public fun report_audit_matches(report: &Report): bool { report.audit_matches }

public fun report_rewards_digest(report: &Report): vector<u8> { report.rewards_digest }

public fun report_handoff(report: &Report): HandoffSummary { report.handoff }

public fun report_published_at_ms(report: &Report): u64 { report.published_at_ms }

public fun handoff_moved_shards(summary: &HandoffSummary): u16 { summary.moved_shards }

public fun handoff_attested_weight(summary: &HandoffSummary): u16 { summary.attested_weight }

public fun handoff_quorum_ms(summary: &HandoffSummary): Option<u64> { summary.quorum_ms }

// === Package functions ===

/// `publish` against a given current epoch, so that tests need no Walrus staking object.
public(package) fun publish_at_epoch(
    registry: &mut Registry,
    cap: &ReporterCap,
    current_epoch: u32,
    epoch: u32,
    committee_digest: vector<u8>,
    audit_matches: bool,
    handoff: HandoffSummary,
    rewards_digest: vector<u8>,
    now_ms: u64,
    ctx: &TxContext,
) {
    assert!(cap.registry_id == object::id(registry), EWrongRegistry);
    assert!(epoch <= current_epoch, EFutureEpoch);
    assert!(committee_digest.length() == DIGEST_LENGTH, EMalformedDigest);
    assert!(rewards_digest.length() == DIGEST_LENGTH, EMalformedDigest);
    let reporter = object::id(cap);
    let key = ReportKey { reporter, epoch };
    assert!(!df::exists_(&registry.id, key), EReportExists);
    let report = Report {
        reporter,
        reporter_address: ctx.sender(),
        epoch,
        committee_digest,
        audit_matches,
        handoff,
        rewards_digest,
        published_at_ms: now_ms,
    };
    df::add(&mut registry.id, key, report);
    registry.reports = registry.reports + 1;
    event::emit(ReportPublished { registry_id: object::id(registry), report });
}

// === Test only ===

#[test_only]
public fun init_for_testing(ctx: &mut TxContext) {
    init(ctx);
}
