import { Module } from '@nestjs/common';
import { NetworkMetrics } from 'src/metrics/network.metrics';
import { PerformanceModule } from 'src/performance/performance.module';
import { StakingModule } from 'src/staking/staking.module';
import { AvailabilityModule } from 'src/availability/availability.module';
import { AvailabilityMetrics } from 'src/metrics/availability.metrics';

/** The network's gauges on `/metrics`, read from the database: served wherever the API runs. */
@Module({
  imports: [StakingModule, PerformanceModule, AvailabilityModule],
  providers: [NetworkMetrics, AvailabilityMetrics],
})
export class NetworkMetricsModule {}
