import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import { EpochStateKind, type EpochView, type NetworkView } from 'src/epochs/epoch.views';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { APP_CONFIG, networkName, type AppConfig } from 'src/config/app-config';
import { forecastEpoch, type EpochState } from 'src/domain/epochs/epoch-clock';
import { EpochRepository, type EpochRecord } from 'src/store/epochs/epoch.repository';
import { IndexedNetworkRepository } from 'src/store/indexer/indexed-network.repository';

/** Epoch state and history, with the next steps forecast by the domain's epoch clock. */
@Injectable()
export class EpochsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly stakingState: StakingStateReader,
  ) {}

  /** Now, or as the network stood at the end of `asOfEpoch` (then without countdowns). */
  async network(asOfEpoch?: number, nowMs = Date.now()): Promise<NetworkView | undefined> {
    const manager = readManager(this.dataSource);
    const state = await this.stakingState.at(asOfEpoch);
    if (state === undefined) {
      return undefined;
    }
    const doneAtMs = state.stateTimestampMs === null ? null : Number(state.stateTimestampMs);
    const epochState: EpochState =
      state.epochState === 'EpochChangeSync' || doneAtMs === null
        ? { kind: 'EpochChangeSync', weight: state.syncWeight ?? 0 }
        : { kind: state.epochState, doneAtMs };
    const forecast = forecastEpoch({
      epoch: state.epoch,
      state: epochState,
      epochDurationMs: Number(state.epochDurationMs),
      firstEpochStartMs: Number(state.firstEpochStartMs),
      nShards: state.nShards,
      nowMs,
    });
    const votingEndAtMs = state.nextCommitteeSelected ? null : forecast.votingEndAtMs;
    const seconds = (atMs: number | null) =>
      atMs === null || asOfEpoch !== undefined ? null : (atMs - nowMs) / 1000;
    const network = await IndexedNetworkRepository.get(manager);
    return {
      network: network?.network ?? networkName(this.config),
      epoch: state.epoch,
      state: EpochStateKind[state.epochState],
      nShards: state.nShards,
      syncWeight: state.epochState === 'EpochChangeSync' ? state.syncWeight : null,
      syncQuorum: forecast.syncQuorum,
      epochDurationMs: state.epochDurationMs,
      doneAt: doneAtMs === null || state.epochState === 'EpochChangeSync' ? null : new Date(doneAtMs),
      votingEndAt: votingEndAtMs === null ? null : new Date(votingEndAtMs),
      secondsUntilVotingEnd: seconds(votingEndAtMs),
      epochChangeAt: forecast.epochChangeAtMs === null ? null : new Date(forecast.epochChangeAtMs),
      secondsUntilEpochChange: seconds(forecast.epochChangeAtMs),
      current: toEpochType((await EpochRepository.system(manager, state.epoch)) ?? emptyEpoch(state.epoch)),
      nextTotalCapacity: state.nextTotalCapacitySize,
    };
  }

  async epoch(epoch: number): Promise<EpochView | undefined> {
    const record = await EpochRepository.system(readManager(this.dataSource), epoch);
    return record === undefined ? undefined : toEpochType(record);
  }

  async epochs(first: number, before?: number): Promise<EpochView[]> {
    return (await EpochRepository.history(readManager(this.dataSource), first, before)).map(toEpochType);
  }
}

function emptyEpoch(epoch: number): EpochRecord {
  return {
    epoch,
    startedCheckpoint: null,
    startedAt: null,
    committeeSelectedAt: null,
    doneCheckpoint: null,
    doneAt: null,
    totalCapacitySize: null,
    usedCapacitySize: null,
    storagePrice: null,
    writePrice: null,
  };
}

function toEpochType(record: EpochRecord): EpochView {
  return {
    epoch: record.epoch,
    startedAt: record.startedAt,
    startedCheckpoint: record.startedCheckpoint,
    committeeSelectedAt: record.committeeSelectedAt,
    doneAt: record.doneAt,
    doneCheckpoint: record.doneCheckpoint,
    storagePrice: record.storagePrice,
    writePrice: record.writePrice,
    totalCapacity: record.totalCapacitySize,
    usedCapacity: record.usedCapacitySize,
  };
}
