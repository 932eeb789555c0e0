import { Module } from '@nestjs/common';
import { RewardsService } from 'src/rewards/rewards.service';

/** Rewards: per epoch and node, recomputed and checked against the chain; projections from prepaid buckets. */
@Module({ providers: [RewardsService], exports: [RewardsService] })
export class RewardsModule {}
