import { Module } from '@nestjs/common';
import { PerformanceService } from 'src/performance/performance.service';

/** Node performance: the score delegators compare operators on. */
@Module({
  providers: [PerformanceService],
  exports: [PerformanceService],
})
export class PerformanceModule {}
