import { bcs } from '@mysten/sui/bcs';
import { DynamicField } from 'src/chain/walrus-bcs';

// The `tusk_reports` package (move/sources/epoch_reports.move): its objects and events in BCS.

export const REPORTS_MODULE = 'epoch_reports';

export const Registry = bcs.struct('Registry', { id: bcs.Address, reporters: bcs.u64(), reports: bcs.u64() });

export const ReporterCap = bcs.struct('ReporterCap', {
  id: bcs.Address,
  registry_id: bcs.Address,
  name: bcs.string(),
  owner: bcs.Address,
});

export const ReportKey = bcs.struct('ReportKey', { reporter: bcs.Address, epoch: bcs.u32() });

export const HandoffSummary = bcs.struct('HandoffSummary', {
  moved_shards: bcs.u16(),
  attested_weight: bcs.u16(),
  quorum_ms: bcs.option(bcs.u64()),
  late_attesters: bcs.vector(bcs.Address),
  premature_attesters: bcs.vector(bcs.Address),
});

export const Report = bcs.struct('Report', {
  reporter: bcs.Address,
  reporter_address: bcs.Address,
  epoch: bcs.u32(),
  committee_digest: bcs.vector(bcs.u8()),
  audit_matches: bcs.bool(),
  handoff: HandoffSummary,
  rewards_digest: bcs.vector(bcs.u8()),
  published_at_ms: bcs.u64(),
});

export const ReportField = DynamicField(ReportKey, Report);

export const ReporterRegistered = bcs.struct('ReporterRegistered', {
  registry_id: bcs.Address,
  reporter: bcs.Address,
  owner: bcs.Address,
  name: bcs.string(),
});

export const ReportPublished = bcs.struct('ReportPublished', { registry_id: bcs.Address, report: Report });

/** Full Move type names of the package's structs, for a package ID. */
export function reportTypes(packageId: string) {
  const type = (name: string) => `${packageId}::${REPORTS_MODULE}::${name}`;
  return {
    registry: type('Registry'),
    reporterCap: type('ReporterCap'),
    reportKey: type('ReportKey'),
    report: type('Report'),
    reporterRegistered: type('ReporterRegistered'),
    reportPublished: type('ReportPublished'),
  };
}
