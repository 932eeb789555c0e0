import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoType } from 'src/api/staking/operator.types';
import type { ChainEventConnectionView, ChainEventView } from 'src/epochs/chain-events.service';

@ObjectType('ChainEventField', {
  description: 'A decoded field of an event; a value that is not a string is its JSON.',
})
export class ChainEventFieldType {
  @Field() name!: string;
  @Field() value!: string;
}

@ObjectType('ChainEvent', {
  description: 'A Walrus staking or epoch event, where it was emitted and what it says.',
})
export class ChainEventType implements ChainEventView {
  @Field(() => BigInt) checkpoint!: bigint;
  @Field() timestamp!: Date;
  @Field() txDigest!: string;
  @Field(() => Int) eventIndex!: number;
  @Field({ description: 'The struct name, such as EpochChangeStart.' }) type!: string;
  @Field({ description: 'The full Move type, normalised to the original package.' }) moveType!: string;
  @Field() sender!: string;
  @Field(() => Int, { nullable: true, description: 'The epoch the event is about, when it names one.' })
  epoch!: number | null;
  @Field(() => [ChainEventFieldType]) fields!: ChainEventFieldType[];
}

@ObjectType('ChainEventEdge')
export class ChainEventEdgeType {
  @Field() cursor!: string;
  @Field(() => ChainEventType) node!: ChainEventType;
}

@ObjectType('ChainEventConnection')
export class ChainEventConnectionType implements ChainEventConnectionView {
  @Field(() => [ChainEventEdgeType]) edges!: ChainEventEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@InputType('ChainEventFilter', { description: 'Every condition given must hold.' })
export class ChainEventFilterInputType {
  @Field(() => [String], { nullable: true, description: 'Event struct names, such as ShardsReceived.' })
  types?: string[];
  @Field(() => String, { nullable: true, description: 'Events naming this node (deny-list updates).' })
  nodeId?: string;
  @Field(() => Int, { nullable: true }) epoch?: number;
  @Field(() => BigInt, { nullable: true }) fromCheckpoint?: bigint;
}
