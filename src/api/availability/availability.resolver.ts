import { Args, Int, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { notFound, requireEpochArgument, requirePageArgument } from 'src/api/api-errors';
import {
  AttestationAuditType,
  AttestationVerdict,
  AvailabilityType,
  IncidentType,
  MemberHealthType,
  OutageType,
} from 'src/api/availability/availability.types';
import { changes } from 'src/api/subscriptions/changes';
import { AvailabilityService } from 'src/availability/availability.service';

/** How often a verdict subscription reads the latest verdict. */
const VERDICT_POLL_MS = 500;
const DAY_MS = 86_400_000;

@Resolver(() => AvailabilityType)
export class AvailabilityResolver {
  constructor(private readonly service: AvailabilityService) {}

  @Query(() => AvailabilityType, {
    description:
      'Whether Walrus can read and write now (or as it stood at `asOf`), from the committee and every ' +
      'member’s health, polled all the time.',
  })
  async availability(
    @Args('asOf', { type: () => Date, nullable: true }) asOf?: Date | null,
  ): Promise<AvailabilityType> {
    const verdict = await this.service.verdict(asOf ?? undefined);
    if (verdict === undefined) {
      throw notFound(
        asOf === undefined || asOf === null
          ? 'no availability verdict yet: the nodes have not been polled'
          : `no availability verdict was recorded at ${asOf.toISOString()}`,
      );
    }
    return verdict;
  }

  @ResolveField(() => [OutageType], {
    description:
      'The stretches within [from, to] (default: the 24 hours before this verdict) in which reads or writes ' +
      'were not possible, oldest first.',
  })
  async history(
    @Parent() verdict: AvailabilityType,
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<OutageType[]> {
    requirePageArgument('first', first, 1000);
    const end = to ?? verdict.checkedAt;
    return this.service.outages(from ?? new Date(end.getTime() - DAY_MS), end, first);
  }

  @ResolveField(() => [MemberHealthType], {
    description:
      'Every member of the verdict’s committee with its health as it stood then, largest first: the whole ' +
      'picture behind the verdict, as `walrus health --committee` shows it.',
  })
  async members(@Parent() verdict: AvailabilityType): Promise<MemberHealthType[]> {
    return this.service.members(verdict);
  }

  @Query(() => [IncidentType], {
    description:
      'Incidents of committee members within [from, to] (default: the last 24 hours), newest first.',
  })
  async incidents(
    @Args('from', { type: () => Date, nullable: true }) from?: Date | null,
    @Args('to', { type: () => Date, nullable: true }) to?: Date | null,
    @Args('nodeId', { type: () => String, nullable: true }) nodeId?: string | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<IncidentType[]> {
    requirePageArgument('first', first, 1000);
    const end = to ?? new Date();
    return this.service.incidents({
      nodeId: nodeId ?? undefined,
      from: from ?? new Date(end.getTime() - DAY_MS),
      to: end,
      limit: first,
    });
  }

  @Query(() => [AttestationAuditType], {
    description:
      'epoch_sync_done attestations checked against the nodes’ health, newest epoch first; PREMATURE and ' +
      'UNOBSERVED ones are alerted as attestation_premature.',
  })
  async attestationAudits(
    @Args('epoch', { type: () => Int, nullable: true }) epochArgument?: number | null,
    @Args('verdict', { type: () => AttestationVerdict, nullable: true }) verdict?: AttestationVerdict | null,
    @Args('first', { type: () => Int, defaultValue: 100 }) first = 100,
  ): Promise<AttestationAuditType[]> {
    requirePageArgument('first', first, 1000);
    const epoch = requireEpochArgument(epochArgument);
    return this.service.audits({ epoch, verdict: verdict ?? undefined, limit: first });
  }

  @Subscription(() => AvailabilityType, {
    description: 'The availability verdict, pushed at once and then each time it changes.',
    resolve: (verdict: AvailabilityType) => verdict,
  })
  availabilityChanged(): AsyncIterableIterator<AvailabilityType> {
    return changes(
      async () => await this.service.verdict(),
      (verdict) => verdict.since.toISOString(),
      VERDICT_POLL_MS,
    );
  }
}
