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
}
