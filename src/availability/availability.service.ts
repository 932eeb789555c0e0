import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { uptimeShare, type UnavailabilityReason } from 'src/domain/availability/availability';
import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';
import { readManager } from 'src/store/read-scope';
import {
  AvailabilityRepository,
  type IncidentRecord,
  type NodeHealthIntervalRecord,
} from 'src/store/availability/availability.repository';
import { PoolRepository } from 'src/store/pools/pool.repository';
import type {
  AttestationAuditView,
  AvailabilityView,
  IncidentView,
  MemberHealthView,
  NodeHealthStretchView,
  OutageView,
  UptimeView,
} from 'src/availability/availability.views';

/** The longest time range served at once. */
export const MAX_RANGE_MS = 31 * 86_400_000;
const DAY_MS = 86_400_000;
const UPTIME_WINDOWS = [
  ['24h', DAY_MS],
  ['7d', 7 * DAY_MS],
  ['30d', 30 * DAY_MS],
] as const;

/** The availability history as the API serves it: verdicts, outages, incidents, uptime, audits. */
@Injectable()
export class AvailabilityService {
  constructor(private readonly dataSource: DataSource) {}

  /** The verdict that stood at `asOf` (default: the latest); undefined before any was recorded then. */
  async verdict(asOf?: Date): Promise<AvailabilityView | undefined> {
    if (asOf !== undefined && asOf.getTime() > Date.now()) {
      throw new ApplicationException(
        ApplicationErrorCode.BAD_AS_OF,
        `asOf ${asOf.toISOString()} is in the future: leave it out for the verdict now`,
      );
    }
    const manager = readManager(this.dataSource);
    const record = await AvailabilityRepository.verdictAt(manager, asOf);
    if (record === undefined) {
      return undefined;
    }
    const names = await PoolRepository.names(
      manager,
      record.missing.map((node) => node.nodeId),
    );
    const missing = record.missing.map((node) => ({
      nodeId: node.nodeId,
      name: names.get(node.nodeId) ?? null,
      shards: node.shards,
      availableShards: node.available,
      unavailableShards: node.shards - node.available,
      reason: node.reason as UnavailabilityReason,
    }));
    return {
      epoch: record.epoch,
      nShards: record.nShards,
      shardsAvailable: record.shardsAvailable,
      shardsUnavailable: record.nShards - record.shardsAvailable,
      readThreshold: record.readThreshold,
      writeThreshold: record.writeThreshold,
      canRead: record.canRead,
      canWrite: record.canWrite,
      checkedAt: asOf ?? record.lastSeenAt,
      current: asOf === undefined,
      since: record.startedAt,
      writesFailAfterNodes: record.writesFailAfterNodes,
      readsFailAfterNodes: record.readsFailAfterNodes,
      missing,
    };
  }

  /** Stretches within `[from, to]` in which reads or writes were not possible, merged where they touch. */
  async outages(from: Date, to: Date, limit: number): Promise<OutageView[]> {
    requireRange(from, to);
    const rows = await AvailabilityRepository.outages(readManager(this.dataSource), from, to, limit);
    const merged: OutageView[] = [];
    for (const row of rows) {
      const last = merged.at(-1);
      if (
        last !== undefined &&
        last.to !== null &&
        last.to.getTime() === row.startedAt.getTime() &&
        last.canRead === row.canRead &&
        last.canWrite === row.canWrite &&
        last.epoch === row.epoch
      ) {
        merged[merged.length - 1] = {
          ...last,
          to: row.endedAt,
          minShardsAvailable: Math.min(last.minShardsAvailable, row.shardsAvailable),
        };
        continue;
      }
      merged.push({
        from: row.startedAt,
        to: row.endedAt,
        canRead: row.canRead,
        canWrite: row.canWrite,
        epoch: row.epoch,
        minShardsAvailable: row.shardsAvailable,
      });
    }
    return merged;
  }

  /** Incidents overlapping `[from, to]`, newest first, of one node or of all. */
  async incidents(options: {
    nodeId?: string;
    from: Date;
    to: Date;
    limit: number;
  }): Promise<IncidentView[]> {
    requireRange(options.from, options.to);
    const manager = readManager(this.dataSource);
    const records = await AvailabilityRepository.incidents(manager, {
      nodeIds: options.nodeId === undefined ? undefined : [options.nodeId],
      from: options.from,
      to: options.to,
      limit: options.limit,
    });
    return this.withNames(records, new Date());
  }

  /** A node's uptime over the last 24 hours, 7 days and 30 days. */
  async uptime(nodeId: string, now = new Date()): Promise<UptimeView[]> {
    return (await this.uptimes([nodeId], now)).get(nodeId) ?? [];
  }

  /** The uptime of each node, in one read of their incidents. */
  async uptimes(nodeIds: readonly string[], now = new Date()): Promise<Map<string, UptimeView[]>> {
    const manager = readManager(this.dataSource);
    const from = new Date(now.getTime() - 30 * DAY_MS);
    const [incidents, observed] = await Promise.all([
      AvailabilityRepository.incidents(manager, { nodeIds, from, to: now, limit: 100_000 }),
      AvailabilityRepository.firstObserved(manager, nodeIds),
    ]);
    const byNode = new Map<string, { startMs: number; endMs: number | null }[]>();
    for (const incident of incidents) {
      const list = byNode.get(incident.nodeId) ?? [];
      list.push({ startMs: incident.startedAt.getTime(), endMs: incident.endedAt?.getTime() ?? null });
      byNode.set(incident.nodeId, list);
    }
    return new Map(
      nodeIds.map((nodeId) => {
        const intervals = byNode.get(nodeId) ?? [];
        return [
          nodeId,
          UPTIME_WINDOWS.map(([window, lengthMs]) => {
            const fromMs = now.getTime() - lengthMs;
            return {
              window,
              uptime: uptimeShare(intervals, {
                fromMs,
                toMs: now.getTime(),
                observedFromMs: observed.get(nodeId)?.getTime() ?? null,
              }),
              incidents: intervals.filter((i) => (i.endMs ?? now.getTime()) > fromMs).length,
            };
          }),
        ];
      }),
    );
  }

  /**
   * The committee members of a verdict with their health as it stood then (now, for the latest
   * one), largest first.
   */
  async members(verdict: AvailabilityView): Promise<MemberHealthView[]> {
    const manager = readManager(this.dataSource);
    const stretches = verdict.current
      ? await AvailabilityRepository.currentNodeStates(manager)
      : await AvailabilityRepository.nodeStatesAt(manager, verdict.checkedAt);
    const members = stretches.filter((s) => s.assignedShards > 0 && s.chainEpoch === verdict.epoch);
    const names = await PoolRepository.names(
      manager,
      members.map((member) => member.nodeId),
    );
    return members
      .map((member) => ({
        ...stretchView(member),
        nodeId: member.nodeId,
        name: names.get(member.nodeId) ?? null,
      }))
      .sort((a, b) => b.assignedShards - a.assignedShards || a.nodeId.localeCompare(b.nodeId));
  }

  /** Every watched node as its latest poll found it, with its name. */
  async currentNodes(): Promise<MemberHealthView[]> {
    const manager = readManager(this.dataSource);
    const stretches = await AvailabilityRepository.currentNodeStates(manager);
    const names = await PoolRepository.names(
      manager,
      stretches.map((stretch) => stretch.nodeId),
    );
    return stretches.map((stretch) => ({
      ...stretchView(stretch),
      nodeId: stretch.nodeId,
      name: names.get(stretch.nodeId) ?? null,
    }));
  }

  async audits(filter: {
    epoch?: number;
    nodeId?: string;
    verdict?: AttestationAuditView['verdict'];
    limit: number;
  }): Promise<AttestationAuditView[]> {
    const manager = readManager(this.dataSource);
    const audits = await AvailabilityRepository.audits(manager, filter);
    const names = await PoolRepository.names(
      manager,
      audits.map((audit) => audit.nodeId),
    );
    return audits.map((audit) => ({ ...audit, name: names.get(audit.nodeId) ?? null }));
  }

  /** A node's health stretches overlapping `[from, to]`, oldest first. */
  async healthHistory(nodeId: string, from: Date, to: Date, limit: number): Promise<NodeHealthStretchView[]> {
    requireRange(from, to);
    const stretches = await AvailabilityRepository.nodeHistory(readManager(this.dataSource), nodeId, {
      from,
      to,
      limit,
    });
    return stretches.map(stretchView);
  }

  private async withNames(records: readonly IncidentRecord[], now: Date): Promise<IncidentView[]> {
    const names = await PoolRepository.names(
      readManager(this.dataSource),
      records.map((record) => record.nodeId),
    );
    return records.map((record) => ({
      ...record,
      name: names.get(record.nodeId) ?? null,
      durationSeconds: ((record.endedAt ?? now).getTime() - record.startedAt.getTime()) / 1000,
    }));
  }
}

function stretchView(stretch: NodeHealthIntervalRecord): NodeHealthStretchView {
  return {
    from: stretch.startedAt,
    to: stretch.endedAt,
    lastSeenAt: stretch.lastSeenAt,
    reachable: stretch.reachable,
    epoch: stretch.epoch,
    nodeStatus: stretch.nodeStatus,
    owned: stretch.owned,
    ready: stretch.ready,
    inTransfer: stretch.inTransfer,
    inRecovery: stretch.inRecovery,
    readOnly: stretch.readOnly,
    assignedShards: stretch.assignedShards,
    availableShards: stretch.availableShards,
    reason: stretch.reason,
  };
}

function requireRange(from: Date, to: Date): void {
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || to.getTime() < from.getTime()) {
    throw new ApplicationException(ApplicationErrorCode.BAD_TIME_RANGE, '`to` must not be before `from`');
  }
  if (to.getTime() - from.getTime() > MAX_RANGE_MS) {
    throw new ApplicationException(
      ApplicationErrorCode.BAD_TIME_RANGE,
      `a time range spans at most 31 days, got ${Math.ceil((to.getTime() - from.getTime()) / DAY_MS)}`,
    );
  }
}
