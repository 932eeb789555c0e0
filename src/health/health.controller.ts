import { Controller, Get, Optional } from '@nestjs/common';
import {
  HealthCheck,
  HealthCheckService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { ChainHealthIndicator } from 'src/chain/chain-health.indicator';
import { IndexerHealthIndicator } from 'src/indexer/indexer-health.indicator';

/** `/health`: the database always; the chain and the indexer where this process indexes. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    @Optional() private readonly chain?: ChainHealthIndicator,
    @Optional() private readonly indexer?: IndexerHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    const checks: HealthIndicatorFunction[] = [() => this.database.pingCheck('database', { timeout: 2000 })];
    const { chain, indexer } = this;
    if (chain !== undefined) {
      checks.push(() => chain.check('chain'));
    }
    if (indexer !== undefined) {
      checks.push(() => indexer.check('indexer'));
    }
    return this.health.check(checks);
  }
}
