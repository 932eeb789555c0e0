import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EpochStateKind, type EpochView, type NetworkView } from 'src/epochs/epoch.views';

registerEnumType(EpochStateKind, {
  name: 'EpochStateKind',
  description:
    'The contract’s epoch state: shards moving (EpochChangeSync), handoff done and staking open ' +
    '(EpochChangeDone), next committee selected (NextParamsSelected).',
});

@ObjectType('Epoch', { description: 'An epoch’s life cycle and the prices and capacity it ran with.' })
export class EpochType implements EpochView {
  @Field(() => Int)
  epoch!: number;

  @Field(() => Date, { nullable: true, description: 'EpochChangeStart: the committee took over.' })
  startedAt!: Date | null;

  @Field(() => BigInt, { nullable: true })
  startedCheckpoint!: bigint | null;

  @Field(() => Date, {
    nullable: true,
    description: 'EpochParametersSelected: this epoch’s committee was chosen.',
  })
  committeeSelectedAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'EpochChangeDone: a quorum of shards attested the handoff.',
  })
  doneAt!: Date | null;

  @Field(() => BigInt, { nullable: true })
  doneCheckpoint!: bigint | null;

  @Field(() => BigInt, { nullable: true, description: 'Storage price, FROST per unit size per epoch.' })
  storagePrice!: bigint | null;

  @Field(() => BigInt, { nullable: true, description: 'Write price, FROST per unit size.' })
  writePrice!: bigint | null;

  @Field(() => BigInt, { nullable: true, description: 'Total capacity, bytes.' })
  totalCapacity!: bigint | null;

  @Field(() => BigInt, { nullable: true, description: 'Used capacity, bytes.' })
  usedCapacity!: bigint | null;
}

@ObjectType('Network', { description: 'Where the network stands now, and when its next steps are due.' })
export class NetworkType implements NetworkView {
  @Field()
  network!: string;

  @Field(() => Int)
  epoch!: number;

  @Field(() => EpochStateKind)
  state!: EpochStateKind;

  @Field(() => Int)
  nShards!: number;

  @Field(() => Int, { nullable: true, description: 'During EpochChangeSync: shard weight attested so far.' })
  syncWeight!: number | null;

  @Field(() => Int, { description: 'Weight an epoch change needs: 2·n_shards/3 + 1 (667 of 1000).' })
  syncQuorum!: number;

  @Field(() => BigInt, { description: 'Epoch duration, ms.' })
  epochDurationMs!: bigint;

  @Field(() => Date, { nullable: true, description: 't_done: when the current epoch’s handoff completed.' })
  doneAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Earliest voting_end (t_done + D/2); null while shards move or once selected.',
  })
  votingEndAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Seconds until votingEndAt (negative: overdue).' })
  secondsUntilVotingEnd!: number | null;

  @Field(() => Date, {
    nullable: true,
    description: 'Earliest next epoch change (t_done + D); null while shards move.',
  })
  epochChangeAt!: Date | null;

  @Field(() => Float, { nullable: true, description: 'Seconds until epochChangeAt (negative: overdue).' })
  secondsUntilEpochChange!: number | null;

  @Field(() => EpochType, { description: 'The current epoch’s history, prices and capacity.' })
  current!: EpochType;

  @Field(() => BigInt, {
    nullable: true,
    description: 'Capacity selected for the next epoch, once selected.',
  })
  nextTotalCapacity!: bigint | null;
}
