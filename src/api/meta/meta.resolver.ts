import { Query, Resolver } from '@nestjs/graphql';
import { MetaService } from 'src/api/meta/meta.service';
import { Meta } from 'src/api/meta/meta.types';

@Resolver(() => Meta)
export class MetaResolver {
  constructor(private readonly meta: MetaService) {}

  @Query(() => Meta, { name: '_meta', description: 'What Tusk has indexed, and how fresh it is.' })
  async getMeta(): Promise<Meta> {
    return this.meta.meta();
  }
}
