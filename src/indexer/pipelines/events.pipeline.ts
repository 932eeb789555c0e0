import { normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import * as R from 'src/chain/reports-bcs';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import { isStakingEvent, STAKING_EVENTS } from 'src/chain/walrus-bcs';
import { WalrusEventRepository, type WalrusEventRow } from 'src/store/events/walrus-event.repository';
import {
  EpochReportRepository,
  type EpochReportRow,
  type ReporterRow,
} from 'src/store/reports/epoch-report.repository';
import type { Pipeline, PreparedBatch } from 'src/indexer/pipelines/pipeline';
import type { WalrusCheckpoint, WalrusEventRecord } from 'src/indexer/walrus-checkpoint';
import { toJson } from 'src/indexer/walrus-decoders';

/** Walrus staking and epoch events, decoded, keyed by `(tx_digest, event_index)`. */
export class EventsPipeline implements Pipeline<null> {
  readonly name = 'events' as const;

  loadState(): Promise<null> {
    return Promise.resolve(null);
  }

  prepare(checkpoints: readonly WalrusCheckpoint[]): PreparedBatch<null> {
    const rows: WalrusEventRow[] = [];
    const reporters: ReporterRow[] = [];
    const reports: EpochReportRow[] = [];
    for (const checkpoint of checkpoints) {
      for (const transaction of checkpoint.transactions) {
        for (const event of transaction.events) {
          if (isStakingEvent(event.name)) {
            rows.push(eventRow(checkpoint, event));
          }
        }
        for (const event of transaction.reportEvents ?? []) {
          const decoded = decodeReportEvent(checkpoint, event);
          if (decoded?.kind === 'reporter') {
            reporters.push(decoded.row);
          } else if (decoded?.kind === 'report') {
            reports.push(decoded.row);
          }
        }
      }
    }
    return {
      state: null,
      changes: rows.length + reporters.length + reports.length,
      write: async (manager) => {
        await WalrusEventRepository.insert(manager, rows);
        await EpochReportRepository.insertReporters(manager, reporters);
        await EpochReportRepository.insertReports(manager, reports);
      },
    };
  }
}

export function decodeEvent(event: WalrusEventRecord): Record<string, unknown> {
  if (!isStakingEvent(event.name)) {
    throw new Error(`not a staking event: ${event.name}`);
  }
  try {
    return toJson(STAKING_EVENTS[event.name].parse(event.contents)) as Record<string, unknown>;
  } catch (error) {
    throw new NonRetryableChainError(
      `cannot decode event ${event.moveType} (transaction ${event.txDigest}, index ${event.eventIndex}): ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  }
}

/** A `tusk_reports` event as the row it records; other events of the package are not kept. */
function decodeReportEvent(
  checkpoint: WalrusCheckpoint,
  event: WalrusEventRecord,
): { kind: 'reporter'; row: ReporterRow } | { kind: 'report'; row: EpochReportRow } | undefined {
  try {
    if (event.name === 'ReporterRegistered') {
      const data = R.ReporterRegistered.parse(event.contents);
      return {
        kind: 'reporter',
        row: {
          reporterId: normalizeSuiAddress(data.reporter),
          owner: normalizeSuiAddress(data.owner),
          name: data.name,
          registeredAt: new Date(checkpoint.timestampMs),
          txDigest: event.txDigest,
          checkpoint: checkpoint.sequence,
        },
      };
    }
    if (event.name === 'ReportPublished') {
      const { report } = R.ReportPublished.parse(event.contents);
      return {
        kind: 'report',
        row: {
          reporterId: normalizeSuiAddress(report.reporter),
          epoch: report.epoch,
          reporterAddress: normalizeSuiAddress(report.reporter_address),
          committeeDigest: `0x${toHex(Uint8Array.from(report.committee_digest))}`,
          auditMatches: report.audit_matches,
          movedShards: report.handoff.moved_shards,
          attestedWeight: report.handoff.attested_weight,
          quorumMs: report.handoff.quorum_ms === null ? null : BigInt(report.handoff.quorum_ms),
          lateAttesters: report.handoff.late_attesters.map((id) => normalizeSuiAddress(id)),
          prematureAttesters: report.handoff.premature_attesters.map((id) => normalizeSuiAddress(id)),
          rewardsDigest: `0x${toHex(Uint8Array.from(report.rewards_digest))}`,
          publishedAt: new Date(Number(report.published_at_ms)),
          txDigest: event.txDigest,
          checkpoint: checkpoint.sequence,
        },
      };
    }
    return undefined;
  } catch (error) {
    throw new NonRetryableChainError(
      `cannot decode event ${event.moveType} (transaction ${event.txDigest}, index ${event.eventIndex}): ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  }
}

function eventRow(checkpoint: WalrusCheckpoint, event: WalrusEventRecord): WalrusEventRow {
  const data = decodeEvent(event);
  const epoch = data.epoch ?? data.next_epoch;
  return {
    txDigest: event.txDigest,
    eventIndex: event.eventIndex,
    checkpoint: checkpoint.sequence,
    timestamp: new Date(checkpoint.timestampMs),
    type: event.name,
    moveType: event.moveType,
    sender: event.sender,
    epoch: typeof epoch === 'number' ? epoch : null,
    data,
    bcs: `0x${toHex(event.contents)}`,
  };
}
