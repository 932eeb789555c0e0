import { Field, Float, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'How far one indexer pipeline has read the chain.' })
export class PipelineProgress {
  @Field()
  name!: string;

  @Field(() => BigInt, { nullable: true, description: 'Last checkpoint written; null before the first.' })
  checkpoint!: bigint | null;

  @Field(() => Float, { nullable: true, description: 'Seconds since that checkpoint was produced.' })
  lagSeconds!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the pipeline stopped, if it did.' })
  error!: string | null;
}

@ObjectType({ description: 'How far the read replica this API answers from is behind its primary.' })
export class ReplicaLagType {
  @Field(() => Float, {
    nullable: true,
    description: 'Seconds of replay behind the primary; 0 when caught up; null when unknown.',
  })
  lagSeconds!: number | null;

  @Field(() => BigInt, {
    nullable: true,
    description:
      'WAL bytes written on the primary and not yet replayed; null without the primary to compare.',
  })
  lagBytes!: bigint | null;

  @Field({ description: 'Lagging past maxLagSeconds (or unknown): answers may be that much older.' })
  behind!: boolean;

  @Field(() => Float)
  maxLagSeconds!: number;
}

@ObjectType({ description: 'Freshness of the data behind every answer.' })
export class Meta {
  @Field({ description: '`local`, `testnet` or `mainnet`.' })
  network!: string;

  @Field(() => String, { nullable: true })
  chainId!: string | null;

  @Field(() => BigInt, {
    nullable: true,
    description: 'Checkpoint up to which every pipeline has indexed (the slowest one).',
  })
  checkpoint!: bigint | null;

  @Field(() => Int, { nullable: true, description: 'Current Walrus epoch as indexed.' })
  epoch!: number | null;

  @Field(() => Float, { nullable: true, description: 'Seconds since the checkpoint above was produced.' })
  lagSeconds!: number | null;

  @Field(() => [PipelineProgress])
  pipelines!: PipelineProgress[];

  @Field(() => ReplicaLagType, {
    nullable: true,
    description: 'Set when this API reads a streaming replica (DATABASE_READ_URL): its lag.',
  })
  replica!: ReplicaLagType | null;
}
