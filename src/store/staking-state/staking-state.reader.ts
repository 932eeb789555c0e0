import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  StakingStateRepository,
  type StakingStateRow,
} from 'src/store/staking-state/staking-state.repository';
import { readManager, readOnce } from 'src/store/read-scope';

/**
 * The latest indexed staking state, read once per request: a GraphQL request touches it from
 * several resolvers and services (and a metrics scrape from several gauges), and they must all
 * answer from the same row. Outside a read scope (a background job) every call reads afresh.
 */
@Injectable()
export class StakingStateReader {
  constructor(private readonly dataSource: DataSource) {}

  /** The staking state of the latest indexed epoch; undefined before anything is indexed. */
  latest(): Promise<StakingStateRow | undefined> {
    return readOnce('staking_state:latest', () =>
      StakingStateRepository.stakingState(readManager(this.dataSource)),
    );
  }

  /** The staking state of `epoch`, or the latest when none is given. */
  at(epoch: number | undefined): Promise<StakingStateRow | undefined> {
    return epoch === undefined
      ? this.latest()
      : readOnce(`staking_state:${epoch}`, () =>
          StakingStateRepository.stakingState(readManager(this.dataSource), epoch),
        );
  }
}
