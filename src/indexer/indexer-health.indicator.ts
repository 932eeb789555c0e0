import { Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { IndexerService } from 'src/indexer/indexer.service';

/** Up while the indexer writes or waits as a standby with every pipeline running. */
@Injectable()
export class IndexerHealthIndicator {
  constructor(
    private readonly indexer: IndexerService,
    private readonly health: HealthIndicatorService,
  ) {}

  check(key: string): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const { role, error, halted } = this.indexer.status;
    const details = {
      role,
      ...(error === null ? {} : { error }),
      ...(Object.keys(halted).length > 0 ? { halted } : {}),
    };
    return role === 'failed' || Object.keys(halted).length > 0
      ? indicator.down(details)
      : indicator.up(details);
  }
}
