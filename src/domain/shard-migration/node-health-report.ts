import type { ShardHealthStatus } from 'src/domain/shard-migration/shard-move';

/** What a node's `GET /v1/health?detailed=true` says, reduced to what a handoff needs. */
export interface NodeHealthReport {
  readonly epoch: number;
  /** As the node prints it (see `node-status.ts`); null from software that predates the field. */
  readonly nodeStatus: string | null;
  readonly owned: number;
  readonly counts: {
    readonly unknown: number;
    readonly ready: number;
    readonly inTransfer: number;
    readonly inRecovery: number;
    readonly readOnly: number;
  };
  /** Status of each owned shard; empty when the node gave no detail. */
  readonly shards: ReadonlyMap<number, ShardHealthStatus>;
}

/** How the poller stands with one node: its circuit, failures in a row, and when it is due. */
export interface NodeCircuit {
  /** `closed` (polled normally), `open` (failing: polled only to probe), `half_open` (a probe under way). */
  readonly circuit: 'closed' | 'open' | 'half_open';
  readonly consecutiveFailures: number;
  readonly nextPollAtMs: number;
}
