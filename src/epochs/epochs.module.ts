import { Module } from '@nestjs/common';
import { EpochsService } from 'src/epochs/epochs.service';
import { ChainEventsService } from 'src/epochs/chain-events.service';

/** Epochs: the network's state now, each epoch's history, and the feed of the chain's events. */
@Module({
  providers: [EpochsService, ChainEventsService],
  exports: [EpochsService, ChainEventsService],
})
export class EpochsModule {}
