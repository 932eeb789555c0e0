import { Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { METHODOLOGY } from 'src/domain/methodology';

@ObjectType('Formula', {
  description:
    'A formula Tusk publishes, with the version that computes the numbers it serves (docs/methodology.md).',
})
export class FormulaType {
  @Field({ description: 'Stable identifier: rewards, subsidies, apy, score, availability or incidents.' })
  id!: string;

  @Field()
  title!: string;

  @Field(() => Int, { description: 'Raised whenever the way the figure is computed changes.' })
  version!: number;

  @Field({ description: 'Where the computation lives in the source.' })
  source!: string;
}

@Resolver(() => FormulaType)
export class MethodologyResolver {
  @Query(() => [FormulaType], {
    description:
      'The formulas behind every derived figure (APY, score, rewards, availability…) and their versions.',
  })
  methodology(): FormulaType[] {
    return METHODOLOGY.map((formula) => ({ ...formula }));
  }
}
