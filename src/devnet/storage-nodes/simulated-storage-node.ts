import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Committee } from 'src/domain/committee/committee';
import type { NodeId } from 'src/domain/shared/node-id';
import { formatNodeStatus, type NodeStatus } from 'src/domain/shard-migration/node-status';

/** Health-API labels of a shard's status (`storage/shard.rs`). */
export type ShardStatus = 'unknown' | 'ready' | 'inTransfer' | 'inRecovery' | 'readOnly';

/**
 * Faults a scenario can inject into a node. `earlyAttest` calls `epoch_sync_done` as soon as the
 * epoch changes, before its gained shards are ready (a way for data to end up under-replicated).
 */
export type StorageNodeFault = 'down' | 'stuck' | 'slow' | 'wrongEpoch' | 'earlyAttest';

/** Shards a storage node syncs at once (`shard_sync_concurrency`, default 10). */
export const SHARD_SYNC_CONCURRENCY = 10;

export const STORAGE_NODE_FAULTS: readonly StorageNodeFault[] = [
  'down',
  'stuck',
  'slow',
  'wrongEpoch',
  'earlyAttest',
];

export interface StorageNodeOptions {
  readonly nodeId: NodeId;
  readonly name: string;
  readonly publicKey: string;
  /** Virtual ms a shard transfer takes at normal speed. */
  readonly transferMs: number;
  /** Virtual ms without progress after which a transfer falls back to recovery. */
  readonly recoveryAfterMs: number;
  /** Recovery is this many times slower than a transfer. */
  readonly recoverySlowdown?: number;
  /**
   * Virtual ms a new committee member spends recovering blob metadata before it syncs shards;
   * a tenth of a transfer unless given.
   */
  readonly metadataRecoveryMs?: number;
}

interface ShardState {
  status: ShardStatus;
  /** The previous owner a transfer reads from; null when there is none. */
  source: NodeId | null;
  /** 0..1 of the current transfer or recovery. */
  progress: number;
  stalledMs: number;
}

/**
 * A storage node as its operator and Tusk see it from outside: its health endpoint. On an epoch
 * change it locks lost shards (readOnly), starts transfers for gained shards (inTransfer), falls
 * back to recovery when a transfer makes no progress, and reports when every gained shard is ready,
 * which is when a real node calls `epoch_sync_done`.
 */
export class SimulatedStorageNode {
  readonly faults = new Set<StorageNodeFault>();
  private epoch = 0;
  private readonly owned = new Map<number, ShardState>();
  private readonly other = new Map<number, ShardStatus>();
  private syncPending = false;
  private attestedEpoch = 0;
  private server: Server | undefined;
  private readonly startedAtMs = Date.now();
  private latestCheckpoint = 0n;
  private status: NodeStatus = { kind: 'Standby' };
  /** Metadata recovery still to run, virtual ms, while `RecoverMetadata`. */
  private metadataLeftMs = 0;

  constructor(private readonly options: StorageNodeOptions) {}

  get nodeId(): NodeId {
    return this.options.nodeId;
  }

  get name(): string {
    return this.options.name;
  }

  /** Shards this node owns in the current epoch, with their status. */
  shardStatuses(): Map<number, ShardStatus> {
    return new Map([...this.owned].map(([shard, state]) => [shard, state.status]));
  }

  /**
   * True once every gained shard is ready (at once, with `earlyAttest`) and the attestation for
   * this epoch is still due.
   */
  get readyToAttest(): boolean {
    return (
      this.syncPending &&
      !this.faults.has('down') &&
      (this.faults.has('earlyAttest') || [...this.owned.values()].every((s) => s.status === 'ready'))
    );
  }

  markAttested(epoch: number): void {
    this.attestedEpoch = epoch;
    this.syncPending = false;
  }

  get lastAttestedEpoch(): number {
    return this.attestedEpoch;
  }

  observeCheckpoint(sequence: bigint): void {
    this.latestCheckpoint = sequence;
  }

  /** `EpochChangeStart`: plan the handoff between the previous and the current committee. */
  onEpochChange(epoch: number, previous: Committee, current: Committee): void {
    this.epoch = epoch;
    const before = new Set(previous.find((m) => m.nodeId === this.nodeId)?.shards ?? []);
    const previousOwner = new Map<number, NodeId>();
    for (const member of previous) {
      for (const shard of member.shards) {
        previousOwner.set(shard, member.nodeId);
      }
    }
    const after = new Set(current.find((m) => m.nodeId === this.nodeId)?.shards ?? []);
    const firstCommittee = previous.length === 0;
    this.status = this.statusAfterEpochChange(epoch, before.size > 0 || firstCommittee, after.size > 0);
    // Lost shards stay readable for one epoch as the source of transfers; older ones are removed.
    this.other.clear();
    for (const shard of before) {
      if (!after.has(shard)) {
        this.other.set(shard, 'readOnly');
      }
    }
    const kept = new Map<number, ShardState>();
    for (const shard of after) {
      const existing = this.owned.get(shard);
      if (before.has(shard) && existing !== undefined) {
        kept.set(shard, existing);
      } else {
        // The very first committee starts empty: there is nothing to transfer.
        kept.set(shard, {
          status: firstCommittee ? 'ready' : 'inTransfer',
          source: previousOwner.get(shard) ?? null,
          progress: 0,
          stalledMs: 0,
        });
      }
    }
    this.owned.clear();
    for (const [shard, state] of kept) {
      this.owned.set(shard, state);
    }
    this.syncPending = after.size > 0;
  }

  /**
   * What the node software sets at an epoch change: `Standby` out of the committee (read-only
   * shards and all), `RecoverMetadata` on joining it, and a node that was down through the change
   * recovers as a whole up to this epoch. Shard transfers and recoveries leave it `Active`.
   */
  private statusAfterEpochChange(epoch: number, wasMember: boolean, isMember: boolean): NodeStatus {
    if (!isMember) {
      return { kind: 'Standby' };
    }
    if (this.faults.has('down')) {
      return { kind: 'RecoveryInProgress', epoch };
    }
    if (!wasMember) {
      this.metadataLeftMs = this.options.metadataRecoveryMs ?? this.options.transferMs / 10;
      return { kind: 'RecoverMetadata' };
    }
    return this.status.kind === 'RecoveryInProgress'
      ? { kind: 'RecoveryInProgress', epoch }
      : { kind: 'Active' };
  }

  /** The status as the health API prints it. */
  get nodeStatus(): string {
    return formatNodeStatus(this.status);
  }

  /**
   * Moves transfers and recoveries forward by `elapsedMs` of virtual time. Like a real node it
   * syncs at most `SHARD_SYNC_CONCURRENCY` shards at once, lowest first; the others wait in
   * transfer. A transfer reads from the shard's previous owner, so it makes no progress while
   * `isUp` says that node is down, and after `recoveryAfterMs` without progress the shard falls
   * back to recovery (which runs beside the transfers, slower).
   */
  tick(elapsedMs: number, isUp: (nodeId: NodeId) => boolean = () => true): void {
    if (this.faults.has('down')) {
      return;
    }
    if (this.status.kind === 'RecoverMetadata') {
      // Shards are synced only once the blob metadata is recovered.
      this.metadataLeftMs -= elapsedMs;
      if (this.metadataLeftMs > 0) {
        return;
      }
      this.status = { kind: 'Active' };
    }
    const speed = this.faults.has('slow') ? 0.2 : 1;
    const syncing = [...this.owned]
      .filter(([, state]) => state.status === 'inTransfer')
      .sort(([a], [b]) => a - b)
      .slice(0, SHARD_SYNC_CONCURRENCY)
      .map(([, state]) => state);
    for (const state of syncing) {
      if (this.faults.has('stuck') || (state.source !== null && !isUp(state.source))) {
        state.stalledMs += elapsedMs;
        if (state.stalledMs >= this.options.recoveryAfterMs) {
          state.status = 'inRecovery';
          state.progress = 0;
        }
        continue;
      }
      state.progress += (speed * elapsedMs) / this.options.transferMs;
      this.finishIfDone(state);
    }
    for (const state of this.owned.values()) {
      if (state.status === 'inRecovery') {
        state.progress +=
          (speed * elapsedMs) / (this.options.transferMs * (this.options.recoverySlowdown ?? 4));
        this.finishIfDone(state);
      }
    }
    if (
      this.status.kind === 'RecoveryInProgress' &&
      [...this.owned.values()].every((s) => s.status === 'ready')
    ) {
      this.status = { kind: 'Active' };
    }
  }

  private finishIfDone(state: ShardState): void {
    if (state.progress >= 1) {
      state.status = 'ready';
      state.progress = 1;
    }
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    const server = createServer((request, response) => {
      this.serve(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        resolve();
      });
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    return `http://${host}:${address.port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) {
      return;
    }
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  /** The `ServiceHealthInfo` body of `GET /v1/health`, inside the API's success envelope. */
  health(detailed: boolean): unknown {
    const owned = [...this.owned].sort(([a], [b]) => a - b);
    const count = (status: ShardStatus) => owned.filter(([, state]) => state.status === status).length;
    const uptimeMs = Date.now() - this.startedAtMs;
    const data: Record<string, unknown> = {
      uptime: { secs: Math.floor(uptimeMs / 1000), nanos: (uptimeMs % 1000) * 1_000_000 },
      epoch: this.faults.has('wrongEpoch') ? Math.max(0, this.epoch - 1) : this.epoch,
      publicKey: this.options.publicKey,
      nodeStatus: this.nodeStatus,
      eventProgress: {
        persisted: Number(this.latestCheckpoint),
        pending: 0,
        highestFinishedEventIndex: Number(this.latestCheckpoint),
      },
      shardSummary: {
        owned: owned.length,
        ownedShardStatus: {
          unknown: count('unknown'),
          ready: count('ready'),
          inTransfer: count('inTransfer'),
          inRecovery: count('inRecovery'),
        },
        readOnly: this.other.size,
      },
      latestCheckpointSequenceNumber: Number(this.latestCheckpoint),
    };
    if (detailed) {
      data.shardDetail = {
        owned: owned.map(([shard, state]) => ({ shard, status: state.status })),
        other: [...this.other].sort(([a], [b]) => a - b).map(([shard, status]) => ({ shard, status })),
      };
    }
    return { success: { code: 200, data } };
  }

  /** Answers one request to the node's REST API (only the health route exists here). */
  serve(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://storage-node');
    if (this.faults.has('down')) {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 503, message: 'the node is down' } }));
      return;
    }
    if (request.method !== 'GET' || url.pathname !== '/v1/health') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: { code: 404, message: `no route ${request.method ?? ''} ${url.pathname}` } }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(this.health(url.searchParams.get('detailed') === 'true')));
  }
}
