import { Global, Module } from '@nestjs/common';
import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';

/** Readers over the store that keep what they read until the indexer commits again. */
@Global()
@Module({ providers: [StakingStateReader], exports: [StakingStateReader] })
export class StoreModule {}
