import { EpochsPipeline } from 'src/indexer/pipelines/epochs.pipeline';
import { EventsPipeline } from 'src/indexer/pipelines/events.pipeline';
import type { Pipeline } from 'src/indexer/pipelines/pipeline';
import { StakedWalPipeline } from 'src/indexer/pipelines/staked-wal.pipeline';
import { StakingPipeline } from 'src/indexer/pipelines/staking/staking.pipeline';

/** The four pipelines, each with its own watermark. */
export function createPipelines(): Pipeline[] {
  return [
    new EventsPipeline(),
    new StakedWalPipeline(),
    new StakingPipeline(),
    new EpochsPipeline(),
  ] as Pipeline[];
}
