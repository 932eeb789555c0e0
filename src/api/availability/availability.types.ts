import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { UnavailabilityReason } from 'src/domain/availability/availability';
import type {
  AttestationAuditView,
  AvailabilityView,
  IncidentView,
  MemberHealthView,
  MissingShardsView,
  NodeHealthStretchView,
  OutageView,
  UptimeView,
} from 'src/availability/availability.views';

export enum UnavailabilityReasonValue {
  UNREACHABLE = 'unreachable',
  BEHIND = 'behind',
  RECOVERING = 'recovering',
  NOT_READY = 'not_ready',
}

registerEnumType(UnavailabilityReasonValue, {
  name: 'UnavailabilityReason',
  description:
    'Why a member does not serve shards: UNREACHABLE (no answer within the freshness window), BEHIND (it ' +
    'answers for an earlier epoch), RECOVERING (the node or the shards recover), NOT_READY (in transfer, ' +
    'unknown or not reported).',
});

export enum AttestationVerdict {
  OK = 'ok',
  PREMATURE = 'premature',
  UNOBSERVED = 'unobserved',
}

registerEnumType(AttestationVerdict, {
  name: 'AttestationVerdict',
  description:
    'OK: its shards were ready when it attested; PREMATURE: its answers around the attestation show gained ' +
    'shards not ready; UNOBSERVED: it never answered a health poll during the handoff.',
});

@ObjectType('MissingShards', { description: 'A committee member that does not serve all its shards.' })
export class MissingShardsType implements MissingShardsView {
  @Field() nodeId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int, { description: 'Shards the committee assigns to it.' }) shards!: number;
  @Field(() => Int) availableShards!: number;
  @Field(() => Int) unavailableShards!: number;
  @Field(() => UnavailabilityReasonValue) reason!: UnavailabilityReason;
}

@ObjectType('AvailabilityOutage', { description: 'A stretch in which reads or writes were not possible.' })
export class OutageType implements OutageView {
  @Field() from!: Date;
  @Field(() => Date, { nullable: true, description: 'Null while it lasts.' }) to!: Date | null;
  @Field() canRead!: boolean;
  @Field() canWrite!: boolean;
  @Field(() => Int) epoch!: number;
  @Field(() => Int, { description: 'The fewest shards available during the stretch.' })
  minShardsAvailable!: number;
}

@ObjectType('Availability', {
  description:
    'Whether Walrus can read and write: a shard is available when its owner in the current committee ' +
    'answered within the freshness window, is in the current epoch and reports the shard ready. Reads need ' +
    'n − 2f shards (334 of 1000), writes n − f (667 of 1000), f = ⌊(n − 1) / 3⌋.',
})
export class AvailabilityType implements AvailabilityView {
  @Field(() => Int) epoch!: number;
  @Field(() => Int) nShards!: number;
  @Field(() => Int) shardsAvailable!: number;
  @Field(() => Int) shardsUnavailable!: number;
  @Field(() => Int) readThreshold!: number;
  @Field(() => Int) writeThreshold!: number;
  @Field() canRead!: boolean;
  @Field() canWrite!: boolean;
  @Field({ description: 'The latest check that found this verdict (the moment asked for, in the past).' })
  checkedAt!: Date;
  @Field({ description: 'When this verdict started to hold.' }) since!: Date;
  @Field({ description: 'True for the verdict standing now, false for one asked as of a moment.' })
  current!: boolean;
  @Field(() => Int, {
    nullable: true,
    description: 'More nodes, largest serving first, whose loss would stop writes; 0 when they fail now.',
  })
  writesFailAfterNodes!: number | null;
  @Field(() => Int, { nullable: true, description: 'The same for reads.' })
  readsFailAfterNodes!: number | null;
  @Field(() => [MissingShardsType], { description: 'The members holding the missing shards, with why.' })
  missing!: readonly MissingShardsType[];
}

@ObjectType('NodeIncident', {
  description:
    'A stretch in which a committee member did not serve all its shards. Stake and delegators are those of ' +
    'its pool when it started.',
})
export class IncidentType implements IncidentView {
  @Field() id!: string;
  @Field() nodeId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => Int, { description: 'The epoch it started in.' }) epoch!: number;
  @Field() startedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'Null while it lasts.' }) endedAt!: Date | null;
  @Field(() => Float) durationSeconds!: number;
  @Field(() => [UnavailabilityReasonValue], { description: 'Every reason seen, worst first.' })
  reasons!: readonly UnavailabilityReason[];
  @Field(() => Int, { description: 'The most shards it failed to serve at once.' }) shardsAffected!: number;
  @Field(() => BigInt, { description: 'FROST.' }) stakeAffected!: bigint;
  @Field(() => Int) delegatorsAffected!: number;
}

@ObjectType('Uptime', {
  description: 'The share of a window, since the node was first observed, without an incident.',
})
export class UptimeType implements UptimeView {
  @Field({ description: '24h, 7d or 30d.' }) window!: '24h' | '7d' | '30d';
  @Field(() => Float, { nullable: true, description: '0..1; null when not observed in the window.' })
  uptime!: number | null;
  @Field(() => Int) incidents!: number;
}

@ObjectType('AttestationAudit', {
  description:
    'A node’s epoch_sync_done checked against its health: its last answer before the attestation and its ' +
    'first after.',
})
export class AttestationAuditType implements AttestationAuditView {
  @Field(() => Int) epoch!: number;
  @Field() nodeId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field() attestedAt!: Date;
  @Field(() => AttestationVerdict) verdict!: 'ok' | 'premature' | 'unobserved';
  @Field(() => Date, { nullable: true, description: 'The poll the verdict rests on.' })
  evidenceAt!: Date | null;
  @Field(() => Int, { description: 'Shards it gained in the epoch change.' }) gained!: number;
  @Field(() => Int, { nullable: true }) notReadyShards!: number | null;
  @Field(() => String, { nullable: true }) nodeStatus!: string | null;
}

@ObjectType('NodeHealthStretch', {
  description: 'A stretch of a node’s health in which every poll found the same.',
})
export class NodeHealthStretchType implements NodeHealthStretchView {
  @Field() from!: Date;
  @Field(() => Date, { nullable: true }) to!: Date | null;
  @Field() lastSeenAt!: Date;
  @Field() reachable!: boolean;
  @Field(() => Int, { nullable: true }) epoch!: number | null;
  @Field(() => String, { nullable: true }) nodeStatus!: string | null;
  @Field(() => Int, { nullable: true }) owned!: number | null;
  @Field(() => Int, { nullable: true }) ready!: number | null;
  @Field(() => Int, { nullable: true }) inTransfer!: number | null;
  @Field(() => Int, { nullable: true }) inRecovery!: number | null;
  @Field(() => Int, { nullable: true }) readOnly!: number | null;
  @Field(() => Int) assignedShards!: number;
  @Field(() => Int) availableShards!: number;
  @Field(() => UnavailabilityReasonValue, { nullable: true }) reason!: UnavailabilityReason | null;
}

@ObjectType('MemberHealth', {
  description: 'A committee member with its health as the latest poll found it.',
})
export class MemberHealthType extends NodeHealthStretchType implements MemberHealthView {
  @Field() nodeId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
}

@ObjectType('OperatorAvailability', { description: 'A node’s availability: uptime, incidents and audits.' })
export class OperatorAvailabilityType {
  @Field() nodeId!: string;
}
