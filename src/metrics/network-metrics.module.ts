import { Module } from '@nestjs/common';
import { NetworkMetrics } from 'src/metrics/network.metrics';
import { PerformanceModule } from 'src/performance/performance.module';
import { StakingModule } from 'src/staking/staking.module';

/** The network's gauges on `/metrics`, read from the database: served wherever the API runs. */
@Module({ imports: [StakingModule, PerformanceModule], providers: [NetworkMetrics] })
export class NetworkMetricsModule {}
