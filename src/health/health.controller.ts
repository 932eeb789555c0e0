import { Controller, Get, Optional } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  type HealthCheckResult,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { ChainHealthIndicator } from 'src/chain/chain-health.indicator';
import { DatabaseControl } from 'src/database/database-control';
import { ReplicaLag, type ReplicaStatus } from 'src/database/replica-lag';
import { IndexerProcessStatus } from 'src/metrics/indexer-process.status';
import { IndexerHealthIndicator } from 'src/indexer/indexer-health.indicator';

/** How long the database may take to answer the health check's ping. */
const DATABASE_PING_TIMEOUT_MS = 2000;

/**
 * `/health`: the database always; the replica's lag where this process reads one (down past its
 * bound, so that a load balancer stops sending it queries); the chain and the indexer where this
 * process indexes, or where the indexer process beside it (`tusk start`) reports them.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly control: DatabaseControl,
    private readonly replicaLag: ReplicaLag,
    private readonly indexerProcess: IndexerProcessStatus,
    @Optional() private readonly chain?: ChainHealthIndicator,
    @Optional() private readonly indexer?: IndexerHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database('database')];
    const replica = this.replicaLag.status();
    if (replica !== undefined) {
      checks.push(() => this.replica('replica', replica));
    }
    if (this.indexerProcess.present) {
      checks.push(() => this.indexerProcess.health());
    }
    const { chain, indexer } = this;
    if (chain !== undefined) {
      checks.push(() => chain.check('chain'));
    }
    if (indexer !== undefined) {
      checks.push(() => indexer.check('indexer'));
    }
    return this.health.check(checks);
  }

  /**
   * The database answers a ping on the control pool, not the pool queries run on: an API busy
   * with long queries has a full pool, which says nothing about whether the database is up.
   */
  private async database(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const started = Date.now();
    try {
      await this.control.ping(DATABASE_PING_TIMEOUT_MS);
      return indicator.up({ responseTime: Date.now() - started });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async replica(key: string, reading: Promise<ReplicaStatus>): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    const status = await reading;
    const details = {
      lagSeconds: status.lagSeconds,
      lagBytes: status.lagBytes === null ? null : status.lagBytes.toString(),
      maxLagSeconds: status.maxLagSeconds,
    };
    return status.behind ? indicator.down(details) : indicator.up(details);
  }
}
