import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { EpochReportsView, EpochReportView, OwnReportView } from 'src/reports/reports.views';

@ObjectType('OwnEpochReport', {
  description:
    'An epoch’s verdict as this instance computes it, in the form of a report (move/README.md defines each field).',
})
export class OwnEpochReportType implements OwnReportView {
  @Field(() => Int)
  epoch!: number;

  @Field({ description: 'Blake2b-256 of the committee this instance recomputed, as 0x hex.' })
  committeeDigest!: string;

  @Field({ description: 'Whether the committee on chain equals the recomputation.' })
  auditMatches!: boolean;

  @Field(() => Int, { description: 'Shards that changed hands into the epoch.' })
  movedShards!: number;

  @Field(() => Int, { description: 'Shards of the members that attested by the EpochChangeDone.' })
  attestedWeight!: number;

  @Field(() => BigInt, {
    nullable: true,
    description: 'Milliseconds from EpochChangeStart to EpochChangeDone.',
  })
  quorumMs!: bigint | null;

  @Field(() => [String], { description: 'Members that attested after their deadline (observed).' })
  lateAttesters!: string[];

  @Field(() => [String], { description: 'Members that attested before their shards were ready (observed).' })
  prematureAttesters!: string[];

  @Field({ description: 'Blake2b-256 of the previous epoch’s rewards per node, as 0x hex.' })
  rewardsDigest!: string;
}

@ObjectType('EpochReport', { description: 'One reporter’s report on an epoch, published on chain.' })
export class EpochReportType extends OwnEpochReportType implements EpochReportView {
  @Field({ description: 'The reporter’s ReporterCap ID: its identity in the registry.' })
  reporterId!: string;

  @Field(() => String, { nullable: true, description: 'The name it registered under.' })
  reporterName!: string | null;

  @Field({ description: 'The address that signed the report.' })
  reporterAddress!: string;

  @Field()
  publishedAt!: Date;

  @Field()
  txDigest!: string;

  @Field(() => BigInt)
  checkpoint!: bigint;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether it agrees with this instance’s own computation on every field honest reporters compute alike; null while this instance has none.',
  })
  agrees!: boolean | null;

  @Field(() => [String], { description: 'The fields that differ from this instance’s computation.' })
  differences!: string[];

  @Field({ description: 'Published with this instance’s own reporter key.' })
  own!: boolean;
}

@ObjectType('EpochReports', {
  description: 'Every reporter’s verdict on an epoch, each compared with this instance’s own computation.',
})
export class EpochReportsType implements EpochReportsView {
  @Field(() => Int)
  epoch!: number;

  @Field(() => OwnEpochReportType, {
    nullable: true,
    description: 'This instance’s own verdict; null until the epoch’s handoff has ended.',
  })
  own!: OwnEpochReportType | null;

  @Field(() => [EpochReportType], { description: 'Reports as published, oldest first.' })
  reports!: EpochReportType[];

  @Field(() => Int)
  agreeing!: number;

  @Field(() => Int)
  disagreeing!: number;
}
