import { Module } from '@nestjs/common';
import { StakingStateFeed } from 'src/api/subscriptions/staking-state.feed';

/** What GraphQL subscriptions listen to. */
@Module({ providers: [StakingStateFeed], exports: [StakingStateFeed] })
export class SubscriptionsModule {}
