import type { UnavailabilityReason } from 'src/domain/availability/availability';

/** A committee member that does not serve all its shards, and why. */
export interface MissingShardsView {
  readonly nodeId: string;
  readonly name: string | null;
  readonly shards: number;
  readonly availableShards: number;
  readonly unavailableShards: number;
  readonly reason: UnavailabilityReason;
}

/** Whether Walrus could read and write at a moment, and since when the verdict stood. */
export interface AvailabilityView {
  readonly epoch: number;
  readonly nShards: number;
  readonly shardsAvailable: number;
  readonly shardsUnavailable: number;
  readonly readThreshold: number;
  readonly writeThreshold: number;
  readonly canRead: boolean;
  readonly canWrite: boolean;
  /** The latest check that found this verdict (the moment asked for, in the past). */
  readonly checkedAt: Date;
  /** When this verdict started to hold. */
  readonly since: Date;
  /** True for the verdict standing now, false for one asked as of a moment. */
  readonly current: boolean;
  /** More nodes, largest serving first, whose loss would stop writes (0: they fail now). */
  readonly writesFailAfterNodes: number | null;
  readonly readsFailAfterNodes: number | null;
  readonly missing: readonly MissingShardsView[];
}

/** A stretch in which reads or writes were not possible. */
export interface OutageView {
  readonly from: Date;
  /** Null while it lasts. */
  readonly to: Date | null;
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly epoch: number;
  /** The fewest shards available during the stretch. */
  readonly minShardsAvailable: number;
}

export interface IncidentView {
  readonly id: string;
  readonly nodeId: string;
  readonly name: string | null;
  readonly epoch: number;
  readonly startedAt: Date;
  readonly endedAt: Date | null;
  readonly durationSeconds: number;
  readonly reasons: readonly UnavailabilityReason[];
  readonly shardsAffected: number;
  readonly stakeAffected: bigint;
  readonly delegatorsAffected: number;
}

/** A node's uptime over a window: the share of it, since first observed, without an incident. */
export interface UptimeView {
  readonly window: '24h' | '7d' | '30d';
  /** Null when the node was not observed in the window. */
  readonly uptime: number | null;
  readonly incidents: number;
}

export interface AttestationAuditView {
  readonly epoch: number;
  readonly nodeId: string;
  readonly name: string | null;
  readonly attestedAt: Date;
  readonly verdict: 'ok' | 'premature' | 'unobserved';
  readonly evidenceAt: Date | null;
  readonly gained: number;
  readonly notReadyShards: number | null;
  readonly nodeStatus: string | null;
}

/** A stretch of a node's health in which every poll found the same. */
export interface NodeHealthStretchView {
  readonly from: Date;
  readonly to: Date | null;
  readonly lastSeenAt: Date;
  readonly reachable: boolean;
  readonly epoch: number | null;
  readonly nodeStatus: string | null;
  readonly owned: number | null;
  readonly ready: number | null;
  readonly inTransfer: number | null;
  readonly inRecovery: number | null;
  readonly readOnly: number | null;
  readonly assignedShards: number;
  readonly availableShards: number;
  readonly reason: UnavailabilityReason | null;
}

/** A node with its health as its latest poll (at the time asked) found it. */
export interface MemberHealthView extends NodeHealthStretchView {
  readonly nodeId: string;
  readonly name: string | null;
}
