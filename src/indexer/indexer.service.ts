import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import { DataSource } from 'typeorm';
import { ChainEndpointService } from 'src/chain/chain-endpoint.service';
import { classifyChainError, NonRetryableChainError, RetryableChainError } from 'src/chain/chain-errors';
import { chainRetryPolicy } from 'src/chain/chain-retry.policy';
import { RetryAbortedError, retryUntilAborted } from 'src/common/resilience/retry';
import { AdvisoryLeadership } from 'src/database/advisory-leadership';
import { isConnectionError } from 'src/database/database-retry.policy';
import { CheckpointSource } from 'src/chain/checkpoint-source';
import { SUI_CLIENT } from 'src/chain/sui-client.provider';
import { PackageIdentity, type PackageOfObject } from 'src/chain/package-identity';
import { TypeOriginNormalizer } from 'src/chain/type-origin';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { IndexedNetworkRepository, type NetworkIdentity } from 'src/store/indexer/indexed-network.repository';
import { IndexerMetrics } from 'src/indexer/indexer.metrics';
import { IndexerRunner } from 'src/indexer/indexer-runner';
import { createPipelines } from 'src/indexer/pipelines/create-pipelines';
import { SnapshotReader } from 'src/indexer/snapshot-reader';
import { WalrusCheckpointReader } from 'src/indexer/walrus-checkpoint';
import { LeaseLostError, WatermarkRepository } from 'src/store/indexer/watermark.repository';

/** Who the chain is, and the packages whose types the indexer recognises. */
interface Identity {
  readonly normalizer: TypeOriginNormalizer;
  readonly subsidies: PackageOfObject | undefined;
  readonly network: NetworkIdentity;
}

/** Session advisory lock of the indexer writer ('tusk' in ASCII). */
const WRITER_LOCK_KEY = 0x7475736b;

export type IndexerRole = 'starting' | 'leader' | 'standby' | 'failed' | 'stopped';

export interface IndexerStatus {
  readonly role: IndexerRole;
  /** Why the indexer or a pipeline stopped. */
  readonly error: string | null;
  readonly halted: Readonly<Record<string, string>>;
}

/**
 * The indexer of this process: binds the database to the chain, waits as a hot standby until it
 * holds the writer lock, bootstraps a fresh database (genesis replay or snapshot), then follows
 * the chain with the pipelines until shutdown. It runs in the background: the API serves while
 * it catches up.
 */
@Injectable()
export class IndexerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IndexerService.name);
  private readonly abort = new AbortController();
  private readonly holder = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  private loop: Promise<void> | undefined;
  private current: IndexerStatus = { role: 'starting', error: null, halted: {} };

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly endpoint: ChainEndpointService,
    @Inject(SUI_CLIENT) private readonly client: SuiGrpcClient,
    private readonly metrics: IndexerMetrics,
  ) {}

  get status(): IndexerStatus {
    return this.current;
  }

  onApplicationBootstrap(): void {
    if (!this.config.indexer.follow) {
      return;
    }
    this.loop = this.run(this.abort.signal).catch((error: unknown) => {
      this.fail(error);
    });
  }

  /**
   * Indexes the checkpoints `from`..`to` (inclusive) through the same pipelines, with watermarks of
   * its own so that it resumes if interrupted and never moves the tip's. Rows are idempotent and
   * version-guarded, so it can run beside the writer: history fills in, current state never goes
   * back. Resolves once every pipeline reached `to`; throws if one stopped.
   */
  async backfill(from: bigint, to: bigint): Promise<{ checkpoints: bigint; changes: number }> {
    if (from < 0n || to < from) {
      throw new NonRetryableChainError(`a backfill needs 0 <= from <= to (got ${from}..${to})`);
    }
    if (this.endpoint.isEphemeral) {
      throw new NonRetryableChainError(
        'the built-in local network starts afresh with every run: backfill from a chain that outlives it (SUI_GRPC_URL)',
      );
    }
    const signal = this.abort.signal;
    const identity = await this.retrying(signal, () => this.identify());
    if (identity === undefined) {
      throw new Error('stopped before the backfill began');
    }
    await IndexedNetworkRepository.bind(this.dataSource.manager, identity.network, false);
    const halted: string[] = [];
    let changes = 0;
    await new IndexerRunner({
      dataSource: this.dataSource,
      source: new CheckpointSource({ client: this.client }),
      reader: new WalrusCheckpointReader(
        identity.normalizer,
        identity.subsidies?.normalizer,
        identity.network.stakingObjectId,
        (await this.endpoint.reportsPackage())?.packageId,
      ),
      pipelines: createPipelines(),
      batchSize: this.config.indexer.batchSize,
      from,
      until: to,
      watermarkPrefix: `backfill:${from}-${to}:`,
      observer: {
        onCommit: (commit) => {
          changes += commit.changes;
        },
        onRetry: (pipeline, error, delayMs) => {
          this.logger.warn(`${pipeline}: write failed, retrying in ${delayMs} ms: ${message(error)}`);
        },
        onHalt: (pipeline, checkpoint, error) => {
          halted.push(`${pipeline} stopped at checkpoint ${checkpoint}: ${message(error)}`);
        },
      },
    }).run(signal);
    if (halted.length > 0) {
      throw new NonRetryableChainError(halted.join('; '));
    }
    return { checkpoints: to - from + 1n, changes };
  }

  async onApplicationShutdown(): Promise<void> {
    this.abort.abort();
    await this.loop;
    this.current = { ...this.current, role: 'stopped' };
  }

  private async run(signal: AbortSignal): Promise<void> {
    const identity = await this.retrying(signal, () => this.identify());
    if (identity === undefined) {
      return;
    }
    const binding = await this.retrying(signal, () =>
      IndexedNetworkRepository.bind(this.dataSource.manager, identity.network, this.endpoint.isEphemeral),
    );
    if (binding === 'reset') {
      this.logger.warn(
        'the local network started afresh: the rows indexed from its previous run were cleared',
      );
    }
    const leadership = new AdvisoryLeadership(this.dataSource, {
      lockKey: WRITER_LOCK_KEY,
      standbyPollMs: this.config.indexer.standbyPollMs,
    });
    await leadership.run(signal, {
      lead: async (term) => {
        try {
          await this.lead(identity, term);
        } finally {
          this.metrics.leader.set(0);
        }
      },
      // A lost lease means another writer took over: stand by. A chain that refuses or data that
      // does not decode will not change by retrying.
      isFatal: (error) =>
        !(error instanceof LeaseLostError) && classifyChainError(error) instanceof NonRetryableChainError,
      onStandby: () => {
        this.setRole('standby');
      },
      onRetry: (error) => {
        if (error instanceof LeaseLostError) {
          this.logger.warn(error.message);
          return;
        }
        this.metrics.failures.inc({ kind: 'retryable' });
        this.logger.warn(`indexer interrupted, restarting: ${message(error)}`);
      },
      onLockLost: (reason) => {
        this.logger.warn(`${reason}: stepping down as writer`);
      },
    });
  }

  /** As the writer: start a term, bootstrap a fresh database, then index until stopped. */
  private async lead(identity: Identity, signal: AbortSignal) {
    const term = await WatermarkRepository.takeLease(this.dataSource.manager, this.holder);
    this.setRole('leader');
    this.metrics.leader.set(1);
    this.logger.log({
      msg: `indexing ${identity.network.network} as writer (term ${term})`,
      network: identity.network.network,
      term: term.toString(),
    });
    const pipelines = createPipelines();
    const watermarks = await WatermarkRepository.ensure(
      this.dataSource.manager,
      pipelines.map((pipeline) => pipeline.name),
    );
    for (const watermark of watermarks.values()) {
      this.metrics.restored(
        watermark.pipeline as (typeof pipelines)[number]['name'],
        watermark.checkpoint,
        watermark.timestampMs,
      );
    }
    const reader = new WalrusCheckpointReader(
      identity.normalizer,
      identity.subsidies?.normalizer,
      identity.network.stakingObjectId,
      (await this.endpoint.reportsPackage())?.packageId,
    );
    const fresh = [...watermarks.values()].every((watermark) => watermark.checkpoint < 0n);
    if (fresh && (await this.startsFromSnapshot(signal))) {
      await this.bootstrap(identity, pipelines, term, signal);
    }
    const halted: Record<string, string> = {};
    const runner = new IndexerRunner({
      dataSource: this.dataSource,
      source: new CheckpointSource({
        client: this.client,
        onRetry: (error, attempt, delayMs) => {
          this.metrics.failures.inc({ kind: 'retryable' });
          this.logger.warn({
            msg: `chain read failed (attempt ${attempt}, retrying in ${delayMs} ms): ${error.message}`,
            attempt,
            delayMs,
          });
        },
      }),
      reader,
      pipelines,
      term,
      batchSize: this.config.indexer.batchSize,
      observer: {
        onCommit: (commit) => {
          this.metrics.onCommit(commit);
        },
        onRetry: (pipeline, error, delayMs) => {
          this.metrics.onRetry(pipeline);
          this.logger.warn({
            msg: `${pipeline}: write failed, retrying in ${delayMs} ms: ${message(error)}`,
            pipeline,
            delayMs,
          });
        },
        onHalt: (pipeline, checkpoint, error) => {
          this.metrics.onHalt(pipeline);
          halted[pipeline] = `checkpoint ${checkpoint}: ${message(error)}`;
          this.current = { ...this.current, halted: { ...halted } };
          this.logger.error({
            msg: `${pipeline} stopped at checkpoint ${checkpoint}: ${message(error)}`,
            pipeline,
            checkpoint: checkpoint.toString(),
          });
        },
      },
    });
    await runner.run(signal);
    if (!signal.aborted) {
      throw new NonRetryableChainError('every pipeline stopped; see the errors above');
    }
  }

  /**
   * Whether a fresh database starts from a snapshot: as configured, or, for `earliest`, when the
   * chain no longer serves checkpoint 0 (a pruned node, or a local network that ran long). A
   * genesis replay asked for against such a chain cannot work, and says why.
   */
  private async startsFromSnapshot(signal: AbortSignal): Promise<boolean> {
    const start = this.config.indexer.start;
    if (start === 'snapshot') {
      return true;
    }
    const { response: info } = await this.client.ledgerService.getServiceInfo({}, { abort: signal });
    const lowest = info.lowestAvailableCheckpoint ?? 0n;
    if (lowest === 0n) {
      return false;
    }
    if (start === 'genesis') {
      throw new NonRetryableChainError(
        `TUSK_INDEXER_START=genesis, but the chain serves checkpoints from ${lowest} only: ` +
          'use snapshot (or auto), or a node that keeps the whole history',
      );
    }
    this.logger.log(
      `the chain serves checkpoints from ${lowest}: starting from a snapshot instead of genesis`,
    );
    return true;
  }

  /** Reads the current state as one snapshot checkpoint and commits it for every pipeline. */
  private async bootstrap(
    { network, subsidies }: Identity,
    pipelines: ReturnType<typeof createPipelines>,
    term: bigint,
    signal: AbortSignal,
  ): Promise<void> {
    this.logger.log('fresh database: bootstrapping a snapshot of the current staking state');
    const { slashingManagerId, upgradeManagerId } = await this.endpoint.walrusObjects();
    if (slashingManagerId === undefined) {
      this.logger.warn(
        'WALRUS_SLASHING_MANAGER_ID is not set: the snapshot leaves out the open slashing proposals ' +
          '(they appear with their next vote)',
      );
    }
    const snapshot = await new SnapshotReader(this.client, {
      ...network,
      slashingManagerId,
      upgradeManagerId,
      subsidies:
        subsidies === undefined
          ? undefined
          : { objectId: subsidies.objectId, packageId: subsidies.normalizer.originalPackageId },
    }).read(signal);
    await this.dataSource.transaction(async (manager) => {
      await WatermarkRepository.assertLease(manager, term);
      for (const pipeline of pipelines) {
        const prepared = pipeline.prepare([snapshot], await pipeline.loadState(manager));
        await prepared.write(manager);
        await WatermarkRepository.advance(manager, pipeline.name, snapshot.sequence, snapshot.timestampMs);
      }
    });
    const objects = snapshot.transactions[0]?.objects.length ?? 0;
    this.logger.log(
      `snapshot of ${objects} objects at checkpoint ${snapshot.sequence}; following from there`,
    );
  }

  /** Who the chain is: its ID, the Walrus objects and the package their types come from. */
  private async identify(): Promise<Identity> {
    const walrus = await this.endpoint.walrusObjects();
    const { response: info } = await this.client.ledgerService.getServiceInfo({});
    const packages = new PackageIdentity(this.client, this.logger);
    const normalizer = await packages.walrus(walrus.stakingObjectId, walrus.packageVersions);
    const subsidies = await packages.subsidies(walrus.subsidiesObjectId, walrus.subsidiesPackageVersions);
    let genesisTime: Date | null = null;
    // A local network that ran past its retained window no longer serves checkpoint 0: its genesis
    // is then unknown (null), and the stored one stands.
    if (this.endpoint.networkName === 'local' && (info.lowestAvailableCheckpoint ?? 0n) === 0n) {
      const { response } = await this.client.ledgerService.getCheckpoint({
        checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 0n },
        readMask: { paths: ['summary.timestamp'] },
      });
      const timestamp = response.checkpoint?.summary?.timestamp;
      genesisTime = timestamp === undefined ? null : new Date(Number(timestamp.seconds) * 1000);
    }
    return {
      normalizer,
      subsidies,
      network: {
        network: this.endpoint.networkName,
        chainId: info.chainId ?? 'unknown',
        genesisTime,
        stakingObjectId: normalizeSuiAddress(walrus.stakingObjectId),
        systemObjectId: normalizeSuiAddress(walrus.systemObjectId),
        packageId: normalizer.originalPackageId,
      },
    };
  }

  /** Retries the chain's and the database's transient failures; undefined if stopped first. */
  private async retrying<T>(signal: AbortSignal, attempt: () => Promise<T>): Promise<T | undefined> {
    try {
      return await retryUntilAborted(
        {
          retryable: (error) =>
            isConnectionError(error) || classifyChainError(error) instanceof RetryableChainError,
          backoff: chainRetryPolicy().backoff,
          onRetry: (error, _attempt, delayMs) => {
            this.metrics.failures.inc({ kind: 'retryable' });
            this.logger.warn(`${message(error)}; retrying in ${delayMs} ms`);
          },
        },
        attempt,
        signal,
      );
    } catch (error) {
      if (error instanceof RetryAbortedError) {
        return undefined;
      }
      throw classifyChainError(error);
    }
  }

  private setRole(role: IndexerRole): void {
    if (this.current.role !== role) {
      this.current = { ...this.current, role };
    }
  }

  private fail(error: unknown): void {
    this.metrics.failures.inc({ kind: 'fatal' });
    this.current = { ...this.current, role: 'failed', error: message(error) };
    this.logger.error(`the indexer stopped: ${message(error)}`);
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
