import { DIGEST_LENGTH } from 'src/domain/reports/report-digests';

/**
 * `tusk_reports::epoch_reports` (move/sources/epoch_reports.move) simulated call for call: the
 * local network runs it for the transactions that call the package, and its tests mirror the Move
 * unit tests with the same inputs and expected aborts.
 */

export const EPOCH_REPORTS_MODULE = 'epoch_reports';

/** The Move module's abort codes, by the names its `const E…: u64` give them. */
export const ReportAbort = {
  EReportExists: 0,
  EFutureEpoch: 1,
  EMalformedDigest: 2,
  EWrongRegistry: 3,
  EInvalidName: 4,
  EMalformedHandoff: 5,
} as const;
export type ReportAbortName = keyof typeof ReportAbort;

/** A Move abort: the module and its named code, as the chain reports a failed transaction. */
export class MoveAbortError extends Error {
  readonly code: number;
  constructor(readonly abort: ReportAbortName) {
    super(`MoveAbort in ${EPOCH_REPORTS_MODULE}: ${abort} (code ${ReportAbort[abort]})`);
    this.code = ReportAbort[abort];
  }
}

const MAX_NAME_LENGTH = 64;
const MAX_SHARDS = 1000;

export interface HandoffSummary {
  readonly movedShards: number;
  readonly attestedWeight: number;
  readonly quorumMs: bigint | null;
  readonly lateAttesters: readonly string[];
  readonly prematureAttesters: readonly string[];
}

export interface Report {
  readonly reporter: string;
  readonly reporterAddress: string;
  readonly epoch: number;
  readonly committeeDigest: Uint8Array;
  readonly auditMatches: boolean;
  readonly handoff: HandoffSummary;
  readonly rewardsDigest: Uint8Array;
  readonly publishedAtMs: bigint;
}

export interface ReporterCap {
  readonly id: string;
  readonly registryId: string;
  readonly name: string;
  readonly owner: string;
}

/** The shared `Registry` with its dynamic fields (one report per reporter and epoch). */
export interface Registry {
  readonly id: string;
  reporters: bigint;
  reports: bigint;
  readonly byKey: Map<string, Report>;
}

export function newRegistry(id: string): Registry {
  return { id, reporters: 0n, reports: 0n, byKey: new Map() };
}

const reportKey = (reporter: string, epoch: number) => `${reporter}:${epoch}`;

/** `register_reporter`: the cap `newCapId` names, owned by `sender`. */
export function registerReporter(
  registry: Registry,
  name: string,
  sender: string,
  newCapId: string,
): ReporterCap {
  const length = new TextEncoder().encode(name).length;
  if (length === 0 || length > MAX_NAME_LENGTH) {
    throw new MoveAbortError('EInvalidName');
  }
  registry.reporters += 1n;
  return { id: newCapId, registryId: registry.id, name, owner: sender };
}

/** `new_handoff_summary`. */
export function newHandoffSummary(summary: HandoffSummary): HandoffSummary {
  if (summary.movedShards > MAX_SHARDS || summary.attestedWeight > MAX_SHARDS) {
    throw new MoveAbortError('EMalformedHandoff');
  }
  return summary;
}

export interface PublishInput {
  readonly currentEpoch: number;
  readonly epoch: number;
  readonly committeeDigest: Uint8Array;
  readonly auditMatches: boolean;
  readonly handoff: HandoffSummary;
  readonly rewardsDigest: Uint8Array;
  readonly nowMs: bigint;
  readonly sender: string;
}

/** `publish_at_epoch` (what `publish` runs with the staking object's epoch and the clock). */
export function publishAtEpoch(registry: Registry, cap: ReporterCap, input: PublishInput): Report {
  if (cap.registryId !== registry.id) {
    throw new MoveAbortError('EWrongRegistry');
  }
  if (input.epoch > input.currentEpoch) {
    throw new MoveAbortError('EFutureEpoch');
  }
  if (input.committeeDigest.length !== DIGEST_LENGTH || input.rewardsDigest.length !== DIGEST_LENGTH) {
    throw new MoveAbortError('EMalformedDigest');
  }
  const key = reportKey(cap.id, input.epoch);
  if (registry.byKey.has(key)) {
    throw new MoveAbortError('EReportExists');
  }
  const report: Report = {
    reporter: cap.id,
    reporterAddress: input.sender,
    epoch: input.epoch,
    committeeDigest: input.committeeDigest,
    auditMatches: input.auditMatches,
    handoff: input.handoff,
    rewardsDigest: input.rewardsDigest,
    publishedAtMs: input.nowMs,
  };
  registry.byKey.set(key, report);
  registry.reports += 1n;
  return report;
}

export function hasReport(registry: Registry, reporter: string, epoch: number): boolean {
  return registry.byKey.has(reportKey(reporter, epoch));
}

/** Two reports agree on what every honest reporter computes alike from the chain. */
export function reportsAgree(a: Report, b: Report): boolean {
  return (
    equalBytes(a.committeeDigest, b.committeeDigest) &&
    a.auditMatches === b.auditMatches &&
    equalBytes(a.rewardsDigest, b.rewardsDigest) &&
    a.handoff.movedShards === b.handoff.movedShards &&
    a.handoff.attestedWeight === b.handoff.attestedWeight &&
    a.handoff.quorumMs === b.handoff.quorumMs
  );
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
