import { Module } from '@nestjs/common';
import { FreshnessTracker } from 'src/api/meta/freshness.tracker';
import { MetaService } from 'src/api/meta/meta.service';

@Module({ providers: [MetaService, FreshnessTracker], exports: [MetaService, FreshnessTracker] })
export class MetaModule {}
