import { Module } from '@nestjs/common';
import { EpochsService } from 'src/epochs/epochs.service';
import { EpochsResolver } from 'src/epochs/graphql/epochs.resolver';

/** Epochs: the network's state now and each epoch's history. */
@Module({ providers: [EpochsService, EpochsResolver], exports: [EpochsService] })
export class EpochsModule {}
