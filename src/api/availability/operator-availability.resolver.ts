import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { OperatorLoaders } from 'src/api/staking/operator.loaders';
import { requirePageArgument } from 'src/api/api-errors';
import {
  AttestationAuditType,
  IncidentType,
  NodeHealthStretchType,
  OperatorAvailabilityType,
  UptimeType,
} from 'src/api/availability/availability.types';
import { OperatorType } from 'src/api/staking/operator.types';
import { AvailabilityService } from 'src/availability/availability.service';

const DAY_MS = 86_400_000;

@Resolver(() => OperatorType)
export class OperatorAvailabilityFieldResolver {
  @ResolveField(() => OperatorAvailabilityType, {
    description: 'The node’s availability, from its health polled all the time: uptime, incidents, audits.',
  })
  availability(@Parent() operator: OperatorType): OperatorAvailabilityType {
    return { nodeId: operator.nodeId };
  }
}

@Resolver(() => OperatorAvailabilityType)
export class OperatorAvailabilityResolver {
  constructor(private readonly availability: AvailabilityService) {}

  @ResolveField(() => [UptimeType], { description: 'Uptime over the last 24 hours, 7 days and 30 days.' })
  uptime(
    @Parent() parent: OperatorAvailabilityType,
    @Context('operatorLoaders') loaders?: OperatorLoaders,
  ): Promise<UptimeType[]> {
    // A list of operators reads every uptime at once (one query, not one per operator).
    return loaders === undefined
      ? this.availability.uptime(parent.nodeId)
      : loaders.uptime.load(parent.nodeId);
  }

  @ResolveField(() => [IncidentType], {
    description: 'The node’s incidents of the last 30 days, newest first.',
  })
  incidents(
    @Parent() parent: OperatorAvailabilityType,
    @Args('last', { type: () => Int, defaultValue: 20 }) last: number,
  ): Promise<IncidentType[]> {
    requirePageArgument('last', last, 1000);
    const now = new Date();
    return this.availability.incidents({
      nodeId: parent.nodeId,
      from: new Date(now.getTime() - 30 * DAY_MS),
      to: now,
      limit: last,
    });
  }

  @ResolveField(() => [AttestationAuditType], {
    description: 'Audits of the node’s epoch_sync_done attestations, newest first.',
  })
  attestationAudits(
    @Parent() parent: OperatorAvailabilityType,
    @Args('last', { type: () => Int, defaultValue: 10 }) last: number,
  ): Promise<AttestationAuditType[]> {
    requirePageArgument('last', last, 1000);
    return this.availability.audits({ nodeId: parent.nodeId, limit: last });
  }

  @ResolveField(() => [NodeHealthStretchType], {
    description:
      'The node’s health within [from, to] (default: the last 24 hours) as stretches in which every poll ' +
      'found the same, oldest first.',
  })
  healthHistory(
    @Parent() parent: OperatorAvailabilityType,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<NodeHealthStretchType[]> {
    requirePageArgument('first', first, 1000);
    const end = to ?? new Date();
    return this.availability.healthHistory(
      parent.nodeId,
      from ?? new Date(end.getTime() - DAY_MS),
      end,
      first,
    );
  }
}
