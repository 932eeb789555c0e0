import { Module } from '@nestjs/common';
import { RewardsResolver } from 'src/rewards/graphql/rewards.resolver';
import { RewardsService } from 'src/rewards/rewards.service';

/** Rewards: per epoch and node, recomputed and checked against the chain; projections from prepaid buckets. */
@Module({ providers: [RewardsService, RewardsResolver], exports: [RewardsService] })
export class RewardsModule {}
