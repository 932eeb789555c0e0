import { Module } from '@nestjs/common';
import { SubscriptionsModule } from 'src/api/subscriptions/subscriptions.module';
import { EpochsService } from 'src/epochs/epochs.service';
import { EpochsResolver } from 'src/epochs/graphql/epochs.resolver';

/** Epochs: the network's state now and each epoch's history. */
@Module({
  imports: [SubscriptionsModule],
  providers: [EpochsService, EpochsResolver],
  exports: [EpochsService],
})
export class EpochsModule {}
