import { Module } from '@nestjs/common';
import { AvailabilityService } from 'src/availability/availability.service';

/** The network's availability as the API shows it: verdicts, outages, incidents, uptime, audits. */
@Module({ providers: [AvailabilityService], exports: [AvailabilityService] })
export class AvailabilityModule {}
