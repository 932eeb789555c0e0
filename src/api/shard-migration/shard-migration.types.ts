import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  MigrationKind,
  type MigrationProgressView,
  type SyncQuorumView,
  type MigrationNodeView,
  type PlannedShardMoveView,
  type HandoffAlertView,
  type ShardMigrationView,
  type NodeHandoffView,
} from 'src/shard-migration/shard-migration.views';

registerEnumType(MigrationKind, {
  name: 'MigrationKind',
  description:
    'FORECAST: from Tusk’s predicted next committee (before voting_end); SELECTED: from the chain’s next ' +
    'committee, before the epoch change; LIVE: the epoch change started and the handoff is tracked.',
});

@ObjectType('MigrationProgress', { description: 'Shard moves by state.' })
export class MigrationProgressType implements MigrationProgressView {
  @Field(() => Int) planned!: number;
  @Field(() => Int) transferring!: number;
  @Field(() => Int) recovering!: number;
  @Field(() => Int) received!: number;
  @Field(() => Int) failed!: number;
  @Field(() => Float, { description: 'Received moves over all moves, 0..1 (1 when nothing moves).' })
  fractionReceived!: number;
}

@ObjectType('SyncQuorum', {
  description:
    'epoch_sync_done attestations, weighted by shards, against the quorum (3w ≥ 2n + 1: 667 of 1000).',
})
export class SyncQuorumType implements SyncQuorumView {
  @Field(() => Int) attestedWeight!: number;
  @Field(() => Int) quorumWeight!: number;
  @Field(() => Int) missingWeight!: number;
  @Field(() => Int) totalWeight!: number;
  @Field() reached!: boolean;
  @Field({
    description:
      'Not reached, and the nodes that can still attest do not weigh enough without the blocked ones.',
  })
  atRisk!: boolean;
  @Field(() => [String], { description: 'Nodes yet to attest, heaviest first.' })
  pendingNodes!: string[];
  @Field(() => [String], {
    description: 'Pending nodes that are unreachable, stalled or overdue, heaviest first.',
  })
  blockingNodes!: string[];
}

@ObjectType('MigrationNode', { description: 'One node’s part in a handoff.' })
export class MigrationNodeType implements MigrationNodeView {
  @Field() nodeId!: string;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field({ description: 'JOINING, CONTINUING or LEAVING the committee.' }) membership!: string;
  @Field(() => Int, { description: 'Shards in the new committee: its weight in the sync quorum.' })
  weight!: number;
  @Field(() => Int) gained!: number;
  @Field(() => Int) lost!: number;
  @Field(() => Int) kept!: number;
  @Field(() => BigInt) receiveBytes!: bigint;
  @Field(() => BigInt) sendBytes!: bigint;
  @Field(() => Float, { description: 'When its last wave should be done, seconds after the epoch change.' })
  dueSeconds!: number;
  @Field() attested!: boolean;
  @Field(() => Date, { nullable: true }) attestedAt!: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Attested after the epoch change was done.' })
  attestedLate!: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Null when its health API was never polled.' })
  reachable!: boolean | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Its last health report’s nodeStatus as the node prints it: Active, Standby, RecoverMetadata, ' +
      'RecoveryCatchUp, "RecoveryInProgress (<epoch>)", …; null when unreachable or from software that predates it.',
  })
  nodeStatus!: string | null;
  @Field(() => Int, { nullable: true, description: 'The epoch its last health report named.' })
  reportedEpoch!: number | null;
  @Field(() => String, { nullable: true, description: 'Why the last health poll failed.' })
  healthError!: string | null;
  @Field() overdue!: boolean;
  @Field(() => Int) stalledMoves!: number;
  @Field(() => MigrationProgressType, { description: 'Its incoming moves by state.' })
  incoming!: MigrationProgressType;
}

@ObjectType('PlannedShardMove', { description: 'One shard’s move in a handoff plan, with its state.' })
export class PlannedShardMoveType implements PlannedShardMoveView {
  @Field(() => Int) shard!: number;
  @Field(() => String, { nullable: true, description: 'Null for a first committee: nothing to transfer.' })
  from!: string | null;
  @Field() to!: string;
  @Field(() => Int) wave!: number;
  @Field(() => BigInt) sizeBytes!: bigint;
  @Field(() => Float) dueSeconds!: number;
  @Field({ description: 'PLANNED, TRANSFERRING, RECOVERING, RECEIVED or FAILED.' }) state!: string;
  @Field(() => Date, { nullable: true }) stateSince!: Date | null;
  @Field({ description: 'Moved to RECOVERING by Tusk’s recovery deadline, not seen from the node.' })
  escalated!: boolean;
}

@ObjectType('HandoffAlert')
export class HandoffAlertType implements HandoffAlertView {
  @Field() id!: string;
  @Field({ description: 'handoff_stalled, attestation_overdue, node_unreachable or quorum_at_risk.' })
  kind!: string;
  @Field(() => Int) epoch!: number;
  @Field({ description: 'A node ID, or `network`.' }) subject!: string;
  @Field() summary!: string;
  @Field() openedAt!: Date;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
  @Field(() => String, { nullable: true }) resolution!: string | null;
}

@ObjectType('ShardMigration', {
  description:
    'The shard handoff into an epoch’s committee: the plan, and once it started, its live progress.',
})
export class ShardMigrationType implements ShardMigrationView {
  @Field(() => Int) epoch!: number;
  @Field(() => MigrationKind) kind!: MigrationKind;
  @Field({ description: 'FORECAST, PLANNED, IN_PROGRESS or DONE.' }) status!: string;
  @Field(() => Date, { nullable: true, description: 'EpochChangeStart.' }) startedAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'EpochChangeDone: the sync quorum was reached.' })
  doneAt!: Date | null;
  @Field(() => Date, {
    nullable: true,
    description: 'The next epoch change: moves not received by then failed.',
  })
  endedAt!: Date | null;
  @Field(() => Int) movedShards!: number;
  @Field(() => BigInt) shardSizeBytes!: bigint;
  @Field(() => BigInt) totalBytes!: bigint;
  @Field(() => BigInt, {
    description: 'Assumed throughput of one shard sync (observed from past handoffs once known).',
  })
  syncBytesPerSecond!: bigint;
  @Field(() => Int) concurrency!: number;
  @Field(() => Int) waves!: number;
  @Field(() => Float, { description: 'Planned duration: the slowest destination’s last wave.' })
  etaSeconds!: number;
  @Field(() => Date, { nullable: true }) expectedDoneAt!: Date | null;
  @Field(() => MigrationProgressType) progress!: MigrationProgressType;
  @Field(() => SyncQuorumType) quorum!: SyncQuorumType;
  @Field(() => [MigrationNodeType]) nodes!: MigrationNodeType[];
  @Field(() => [PlannedShardMoveType]) moves!: PlannedShardMoveType[];
  @Field(() => [HandoffAlertType], { description: 'Alerts still open.' }) stalls!: HandoffAlertType[];
  @Field(() => [HandoffAlertType], { description: 'Every alert of this handoff, open or resolved.' })
  alerts!: HandoffAlertType[];
}

@ObjectType('NodeHandoff', { description: 'A node’s part in one past or current handoff.' })
export class NodeHandoffType implements NodeHandoffView {
  @Field(() => Int) epoch!: number;
  @Field() membership!: string;
  @Field(() => Int) gained!: number;
  @Field(() => Int) lost!: number;
  @Field(() => BigInt) receiveBytes!: bigint;
  @Field(() => Date) startedAt!: Date;
  @Field(() => Date, { nullable: true }) attestedAt!: Date | null;
  @Field(() => Boolean, { nullable: true }) attestedLate!: boolean | null;
  @Field(() => Float, { nullable: true, description: 'From EpochChangeStart to its epoch_sync_done.' })
  syncSeconds!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'syncSeconds per GB (10^9 bytes) received; null without gains.',
  })
  secondsPerGb!: number | null;
}
