import { Module } from '@nestjs/common';
import { CommitteeService } from 'src/committee/committee.service';
import { CommitteeResolver } from 'src/committee/graphql/committee.resolver';

/** Committees: per epoch, the shard map, and the next one (selected or predicted). */
@Module({ providers: [CommitteeService, CommitteeResolver], exports: [CommitteeService] })
export class CommitteeModule {}
