import { Field, InputType, Int } from '@nestjs/graphql';

@InputType('AsOf', { description: 'Answer as things stood at the end of a past epoch.' })
export class AsOfInput {
  @Field(() => Int)
  epoch!: number;
}
