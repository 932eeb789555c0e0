import { normalizeSuiAddress } from '@mysten/sui/utils';
import * as R from 'src/chain/reports-bcs';
import type { EventRecord, ObjectWrite, SuiLedger } from 'src/devnet/ledger/sui-ledger';
import {
  MoveAbortError,
  newHandoffSummary,
  newRegistry,
  publishAtEpoch,
  registerReporter,
  type HandoffSummary,
  type Registry,
  type ReporterCap,
} from 'src/domain/reports/epoch-reports';

/** What the package reads of the network it is published on. */
export interface ReportHost {
  /** The Walrus staking object's epoch (`staking.epoch()`). */
  readonly epoch: number;
  /** `clock.timestamp_ms()`. */
  readonly nowMs: number;
  readonly stakingObjectId: string;
}

export const CLOCK_OBJECT_ID = normalizeSuiAddress('0x6');

/** A call the package cannot take as given: the transaction is refused before it runs. */
export class ProgramArgumentError extends Error {}

/**
 * `tusk_reports` published at the local network's genesis: the package, the shared `Registry` its
 * `init` creates, and its three public functions run as the Move code specifies (through the
 * simulation in src/domain/reports). A call that aborts changes nothing and is recorded as failed.
 */
export class ReportProgram {
  readonly packageId: string;
  readonly registryId: string;
  private readonly registry: Registry;
  private readonly caps = new Map<string, ReporterCap>();
  private readonly types: ReturnType<typeof R.reportTypes>;

  constructor(
    private readonly ledger: SuiLedger,
    private readonly host: () => ReportHost,
  ) {
    this.packageId = ledger.newObjectId();
    this.registryId = ledger.newObjectId();
    this.types = R.reportTypes(this.packageId);
    ledger.publishPackage(this.packageId, {
      originalId: this.packageId,
      version: 1n,
      typeOrigins: [
        'Registry',
        'ReporterCap',
        'ReportKey',
        'HandoffSummary',
        'Report',
        'ReporterRegistered',
        'ReportPublished',
      ].map((datatype) => ({ module: R.REPORTS_MODULE, datatype, packageId: this.packageId })),
    });
    this.registry = newRegistry(this.registryId);
    ledger.execute({
      sender: normalizeSuiAddress('0x0'),
      calls: [{ package: this.packageId, module: R.REPORTS_MODULE, function: 'init' }],
      writes: [this.registryWrite()],
    });
  }

  cap(capId: string): ReporterCap | undefined {
    return this.caps.get(normalizeSuiAddress(capId));
  }

  /** `new_handoff_summary`: a value for a later command of the same transaction. */
  newHandoffSummary(summary: HandoffSummary): HandoffSummary {
    return newHandoffSummary(summary);
  }

  /** `register_reporter`: what the transaction writes and emits. */
  registerReporter(
    sender: string,
    registryId: string,
    name: string,
  ): { writes: ObjectWrite[]; events: EventRecord[] } {
    this.requireRegistry(registryId);
    const cap = registerReporter(this.registry, name, normalizeSuiAddress(sender), this.ledger.newObjectId());
    this.caps.set(cap.id, cap);
    return {
      writes: [
        this.registryWrite(),
        {
          objectId: cap.id,
          owner: { kind: 'address', address: cap.owner },
          type: this.types.reporterCap,
          contents: R.ReporterCap.serialize({
            id: cap.id,
            registry_id: cap.registryId,
            name: cap.name,
            owner: cap.owner,
          }).toBytes(),
        },
      ],
      events: [
        this.event(
          this.types.reporterRegistered,
          R.ReporterRegistered.serialize({
            registry_id: this.registryId,
            reporter: cap.id,
            owner: cap.owner,
            name: cap.name,
          }).toBytes(),
        ),
      ],
    };
  }

  /** `publish`, reading the staking object's epoch and the clock. */
  publish(
    sender: string,
    args: {
      registryId: string;
      capId: string;
      stakingId: string;
      clockId: string;
      epoch: number;
      committeeDigest: Uint8Array;
      auditMatches: boolean;
      handoff: HandoffSummary;
      rewardsDigest: Uint8Array;
    },
  ): { writes: ObjectWrite[]; events: EventRecord[] } {
    const host = this.host();
    // A registry other than this one is `EWrongRegistry` for the cap; no second registry exists here.
    const cap = this.cap(args.capId);
    if (cap === undefined) {
      throw new ProgramArgumentError(`object ${args.capId} is not a ReporterCap`);
    }
    if (cap.owner !== normalizeSuiAddress(sender)) {
      throw new ProgramArgumentError(
        `object ${args.capId} is owned by ${cap.owner}, not by the sender ${sender}`,
      );
    }
    if (normalizeSuiAddress(args.stakingId) !== normalizeSuiAddress(host.stakingObjectId)) {
      throw new ProgramArgumentError(`object ${args.stakingId} is not the Walrus staking object`);
    }
    if (normalizeSuiAddress(args.clockId) !== CLOCK_OBJECT_ID) {
      throw new ProgramArgumentError(`object ${args.clockId} is not the clock 0x6`);
    }
    this.requireRegistry(args.registryId);
    const report = publishAtEpoch(this.registry, cap, {
      currentEpoch: host.epoch,
      epoch: args.epoch,
      committeeDigest: args.committeeDigest,
      auditMatches: args.auditMatches,
      handoff: args.handoff,
      rewardsDigest: args.rewardsDigest,
      nowMs: BigInt(host.nowMs),
      sender: normalizeSuiAddress(sender),
    });
    const value = {
      reporter: report.reporter,
      reporter_address: report.reporterAddress,
      epoch: report.epoch,
      committee_digest: Array.from(report.committeeDigest),
      audit_matches: report.auditMatches,
      handoff: {
        moved_shards: report.handoff.movedShards,
        attested_weight: report.handoff.attestedWeight,
        quorum_ms: report.handoff.quorumMs,
        late_attesters: [...report.handoff.lateAttesters],
        premature_attesters: [...report.handoff.prematureAttesters],
      },
      rewards_digest: Array.from(report.rewardsDigest),
      published_at_ms: report.publishedAtMs,
    };
    const nameBcs = R.ReportKey.serialize({ reporter: report.reporter, epoch: report.epoch }).toBytes();
    const fieldId = this.ledger.dynamicFieldId(this.registryId, this.types.reportKey, nameBcs);
    return {
      writes: [
        this.registryWrite(),
        {
          objectId: fieldId,
          owner: { kind: 'object', parent: this.registryId },
          type: `0x2::dynamic_field::Field<${this.types.reportKey}, ${this.types.report}>`,
          contents: R.ReportField.serialize({
            id: fieldId,
            name: { reporter: report.reporter, epoch: report.epoch },
            value,
          }).toBytes(),
          dynamicField: {
            parent: this.registryId,
            nameType: this.types.reportKey,
            nameBcs,
            valueType: this.types.report,
          },
        },
      ],
      events: [
        this.event(
          this.types.reportPublished,
          R.ReportPublished.serialize({ registry_id: this.registryId, report: value }).toBytes(),
        ),
      ],
    };
  }

  private requireRegistry(registryId: string): void {
    if (normalizeSuiAddress(registryId) !== this.registryId) {
      throw new ProgramArgumentError(`object ${registryId} is not a Registry`);
    }
  }

  private registryWrite(): ObjectWrite {
    return {
      objectId: this.registryId,
      owner: { kind: 'shared', initialVersion: 1n },
      type: this.types.registry,
      contents: R.Registry.serialize({
        id: this.registryId,
        reporters: this.registry.reporters,
        reports: this.registry.reports,
      }).toBytes(),
    };
  }

  private event(type: string, contents: Uint8Array): EventRecord {
    return { packageId: this.packageId, module: R.REPORTS_MODULE, type, contents };
  }
}

export { MoveAbortError };
