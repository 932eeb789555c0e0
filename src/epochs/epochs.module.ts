import { Module } from '@nestjs/common';
import { EpochsService } from 'src/epochs/epochs.service';

/** Epochs: the network's state now and each epoch's history. */
@Module({
  providers: [EpochsService],
  exports: [EpochsService],
})
export class EpochsModule {}
