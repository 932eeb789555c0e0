import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('NodeVote', {
  description: 'A committee member’s price and capacity votes, weighted by its shards.',
})
export class NodeVoteType {
  @Field()
  nodeId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => Int, { description: 'Shards in the committee whose weights count.' })
  weight!: number;

  @Field(() => BigInt)
  storagePrice!: bigint;

  @Field(() => BigInt)
  writePrice!: bigint;

  @Field(() => BigInt, { description: 'The capacity the node offers, bytes.' })
  nodeCapacity!: bigint;

  @Field(() => BigInt, {
    nullable: true,
    description: 'Its capacity vote scaled to the whole committee (capacity · n_shards / weight).',
  })
  normalisedCapacity!: bigint | null;
}

@ObjectType('QuorumResult', {
  description: 'The value the weighted vote selects, and the voter whose weight decided it.',
})
export class QuorumResultType {
  @Field(() => BigInt)
  value!: bigint;

  @Field(() => String, { nullable: true })
  marginalNodeId!: string | null;
}

@ObjectType('Concentration', { description: 'How concentrated the committee is.' })
export class ConcentrationType {
  @Field(() => Int, {
    nullable: true,
    description: 'Fewest operators holding enough shards to block every quorum (334 of 1000).',
  })
  nakamotoBlocking!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Fewest operators holding a quorum of shards (667 of 1000).',
  })
  nakamotoQuorum!: number | null;

  @Field(() => Float, { description: 'Gini coefficient of the members’ stake (0 = equal).' })
  giniStake!: number;

  @Field(() => Float, { description: 'Gini coefficient of the members’ shards.' })
  giniShards!: number;
}

@ObjectType('Governance')
export class GovernanceType {
  @Field(() => Int)
  epoch!: number;

  @Field(() => [NodeVoteType], {
    description: 'Votes of the current committee’s members, weighted by their shards.',
  })
  votes!: NodeVoteType[];

  @Field(() => QuorumResultType, {
    nullable: true,
    description: 'Storage price the current committee’s votes select (quorum below).',
  })
  storagePrice!: QuorumResultType | null;

  @Field(() => QuorumResultType, { nullable: true, description: 'Write price selected the same way.' })
  writePrice!: QuorumResultType | null;

  @Field(() => QuorumResultType, {
    nullable: true,
    description: 'Capacity (quorum above of normalised votes), weighted by the next committee once selected.',
  })
  capacity!: QuorumResultType | null;

  @Field()
  capacityWeightsFromNextCommittee!: boolean;

  @Field(() => ConcentrationType)
  concentration!: ConcentrationType;
}
