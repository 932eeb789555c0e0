import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  Membership,
  type CommitteeMemberView,
  type CommitteeView,
  type ShardOwnerView,
  type ShardMoveView,
  type NodeShardChangeView,
  type CommitteeChangeView,
  type NextCommitteeView,
  type CommitteeDifferenceView,
  type CommitteeAuditView,
} from 'src/committee/committee.views';

@ObjectType('CommitteeMember', {
  description: 'A storage node in a committee, with the shards it holds in stored order.',
})
export class CommitteeMemberType implements CommitteeMemberView {
  @Field()
  nodeId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [Int])
  shards!: number[];

  @Field(() => Int, { description: 'Shard count: the member’s weight in every quorum.' })
  weight!: number;

  @Field(() => BigInt, {
    nullable: true,
    description: 'The pool’s stake (FROST) at the end of the epoch; for a prediction, the active-set stake.',
  })
  stake!: bigint | null;
}

@ObjectType('Committee')
export class CommitteeType implements CommitteeView {
  @Field(() => Int)
  epoch!: number;

  @Field(() => [CommitteeMemberType])
  members!: CommitteeMemberType[];

  @Field(() => Int)
  nShards!: number;

  @Field(() => BigInt, { nullable: true, description: 'Checkpoint that first showed this committee.' })
  checkpoint!: bigint | null;

  @Field({
    description: 'True when Tusk computed it from live stake because the chain has not selected it yet.',
  })
  predicted!: boolean;
}

@ObjectType('ShardOwner')
export class ShardOwnerType implements ShardOwnerView {
  @Field(() => Int)
  shard!: number;

  @Field()
  nodeId!: string;
}

@ObjectType('ShardMove')
export class ShardMoveType implements ShardMoveView {
  @Field(() => Int)
  shard!: number;

  @Field(() => String, { nullable: true, description: 'Null when the shard had no owner.' })
  from!: string | null;

  @Field()
  to!: string;
}

registerEnumType(Membership, { name: 'Membership' });

@ObjectType('NodeShardChange')
export class NodeShardChangeType implements NodeShardChangeView {
  @Field()
  nodeId!: string;

  @Field(() => Membership)
  membership!: Membership;

  @Field(() => [Int])
  gained!: number[];

  @Field(() => [Int])
  lost!: number[];

  @Field(() => [Int])
  kept!: number[];
}

@ObjectType('CommitteeChange', { description: 'What changes from the current committee to the next.' })
export class CommitteeChangeType implements CommitteeChangeView {
  @Field(() => Int)
  movedShards!: number;

  @Field(() => [ShardMoveType])
  moves!: ShardMoveType[];

  @Field(() => [NodeShardChangeType])
  nodes!: NodeShardChangeType[];
}

@ObjectType('NextCommittee')
export class NextCommitteeType implements NextCommitteeView {
  @Field(() => CommitteeType)
  committee!: CommitteeType;

  @Field(() => CommitteeChangeType)
  change!: CommitteeChangeType;
}

@ObjectType('CommitteeDifference', {
  description: 'A member whose shards differ between the chain and the recomputation.',
})
export class CommitteeDifferenceType implements CommitteeDifferenceView {
  @Field()
  nodeId!: string;

  @Field(() => [Int])
  onChain!: number[];

  @Field(() => [Int])
  recomputed!: number[];
}

@ObjectType('CommitteeAudit', {
  description:
    'The committee on chain against Tusk’s recomputation from what voting_end read: the active set at that ' +
    'checkpoint and the committee it replaced.',
})
export class CommitteeAuditType implements Omit<CommitteeAuditView, 'recomputed'> {
  @Field(() => Int)
  epoch!: number;

  @Field(() => BigInt, { description: 'Checkpoint of the voting_end that selected it.' })
  selectedAtCheckpoint!: bigint;

  @Field(() => Int)
  activeSetSize!: number;

  @Field()
  matches!: boolean;

  @Field(() => [CommitteeDifferenceType])
  differences!: CommitteeDifferenceType[];
}
