import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';
import { simulateStake, stakeOutlook } from 'src/domain/committee/stake-outlook';
import { parseNodeId } from 'src/domain/shared/node-id';
import { U64_MAX } from 'src/domain/shared/u64';
import { MIN_STAKING_THRESHOLD } from 'src/domain/staking/staked-wal';
import type { StakeOutlookView, StakeSimulationView } from 'src/staking/operator.views';
import { normaliseNodeId, OperatorsService } from 'src/staking/operators.service';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';

/**
 * What a stake would do: whether each node is in the committee the latest active set would
 * select, and "if I stake X on node Y", computed with the contract's own selection.
 */
@Injectable()
export class StakeSimulationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
    private readonly operators: OperatorsService,
  ) {}

  /** The nodes in the committee the latest active set would select (one read for all of them). */
  async outlooks(nodeIds: readonly string[]): Promise<(StakeOutlookView | undefined)[]> {
    const context = await this.activeSetContext();
    return nodeIds.map((nodeId) =>
      context === undefined ? undefined : stakeOutlook(context.nShards, context.entries, parseNodeId(nodeId)),
    );
  }

  /** `simulateStake`: the node in the next selectable committee with and without `amount` more. */
  async simulate(nodeIdText: string, amount: bigint): Promise<StakeSimulationView | undefined> {
    if (amount < MIN_STAKING_THRESHOLD) {
      throw new ApplicationException(
        ApplicationErrorCode.BAD_AMOUNT,
        `a stake must be at least ${MIN_STAKING_THRESHOLD} FROST (1 WAL), got ${amount}`,
      );
    }
    if (amount > U64_MAX) {
      throw new ApplicationException(
        ApplicationErrorCode.BAD_AMOUNT,
        `a stake must fit in a u64, got ${amount}`,
      );
    }
    const nodeId = normaliseNodeId(nodeIdText);
    const operator = await this.operators.get(nodeId);
    const context = await this.activeSetContext();
    if (operator === undefined || context === undefined) {
      return undefined;
    }
    const simulation = simulateStake(context.nShards, context, parseNodeId(nodeId), operator.stake, amount);
    return {
      nodeId,
      amount,
      activationEpoch: context.epoch + (context.committeeSelected ? 2 : 1),
      ...simulation,
    };
  }

  private async activeSetContext() {
    const manager = readManager(this.dataSource);
    const state = await this.stakingState.latest();
    if (state === undefined) {
      return undefined;
    }
    const [members, header] = await Promise.all([
      StakingStateRepository.activeSet(manager, state.epoch),
      StakingStateRepository.activeSetHeader(manager, state.epoch),
    ]);
    return {
      epoch: state.epoch,
      nShards: state.nShards,
      committeeSelected: state.nextCommitteeSelected,
      maxSize: header?.maxSize ?? Math.max(1, members.length),
      thresholdStake: header?.thresholdStake ?? 0n,
      entries: members.map((member) => ({ nodeId: parseNodeId(member.nodeId), stake: member.stakedAmount })),
    };
  }
}
