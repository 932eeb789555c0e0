import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { performanceScore, type PerformanceScore } from 'src/domain/performance/performance-score';
import { PerformanceRepository } from 'src/store/queries/performance.repository';

/** Epochs the score looks back over by default. */
export const SCORE_WINDOW_EPOCHS = 10;

export interface NodeScore extends PerformanceScore {
  readonly fromEpoch: number;
  readonly toEpoch: number;
}

/** Performance scores of storage nodes over the last epochs (see `performance-score.ts`). */
@Injectable()
export class PerformanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  async scores(nodeIds: readonly string[], windowEpochs = SCORE_WINDOW_EPOCHS): Promise<NodeScore[]> {
    const manager = readManager(this.dataSource);
    const state = await this.stakingState.latest();
    if (state === undefined) {
      // Nothing indexed: no node was observed.
      return nodeIds.map(() => ({ score: null, components: [], fromEpoch: 0, toEpoch: 0 }));
    }
    const toEpoch = state.epoch;
    const fromEpoch = Math.max(0, toEpoch - windowEpochs + 1);
    const inputs = await PerformanceRepository.inputs(manager, nodeIds, fromEpoch, toEpoch, state.nShards);
    return nodeIds.map((nodeId) => {
      const input = inputs.get(nodeId);
      const score = input === undefined ? { score: null, components: [] } : performanceScore(input);
      return { ...score, fromEpoch, toEpoch };
    });
  }
}
