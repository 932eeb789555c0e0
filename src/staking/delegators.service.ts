import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import {
  type DelegatorEpochRewardView,
  type DelegatorView,
  type PositionView,
  WithdrawCall,
} from 'src/staking/delegator.views';
import { Injectable } from '@nestjs/common';
import { isValidSuiAddress, normalizeSuiAddress } from '@mysten/sui/utils';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { parseNodeId } from 'src/domain/shared/node-id';
import { calculateRewards, rewardsPerEpoch } from 'src/domain/staking/exchange-rate';
import { canWithdrawEarly } from 'src/domain/staking/staked-wal';
import { withdrawalGuidance } from 'src/domain/staking/withdrawal-guidance';
import { PoolRepository } from 'src/store/pools/pool.repository';
import { StakedWalRepository } from 'src/store/positions/staked-wal.repository';

/** A delegator's positions, with the contract's withdrawal rules and reward arithmetic applied. */
@Injectable()
export class DelegatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  async delegator(address: string): Promise<DelegatorView | undefined> {
    const owner = parseAddress(address);
    const manager = readManager(this.dataSource);
    const state = await this.stakingState.latest();
    if (state === undefined) {
      return undefined;
    }
    const epoch = state.epoch;
    const positions = await StakedWalRepository.liveByOwner(manager, owner);
    const histories = await PoolRepository.rateHistories(manager, [
      ...new Set(positions.map((p) => p.nodeId)),
    ]);
    const nextMembers = state.nextCommitteeSelected
      ? new Set((await StakingStateRepository.members(manager, epoch + 1)).map((member) => member.nodeId))
      : new Set<string>();
    // Who holds stake now decides between a request and a one-step withdrawal.
    const currentMembers = new Set(
      (await StakingStateRepository.members(manager, epoch)).map((member) => member.nodeId),
    );
    const context = { epoch, committeeSelected: state.nextCommitteeSelected };

    const rows = positions.map((position): PositionView => {
      const stakedWal = {
        nodeId: parseNodeId(position.nodeId),
        principal: position.principal,
        activationEpoch: position.activationEpoch,
        state:
          position.state === 'withdrawing' && position.withdrawEpoch !== null
            ? { kind: 'Withdrawing' as const, withdrawEpoch: position.withdrawEpoch }
            : { kind: 'Staked' as const },
      };
      const inNext = nextMembers.has(position.nodeId);
      const early = canWithdrawEarly(stakedWal, inNext, context);
      const guidance = withdrawalGuidance(stakedWal, currentMembers.has(position.nodeId), inNext, context);
      const until = earningUntil(position, epoch);
      const history = histories.get(position.nodeId);
      const rewards =
        history === undefined || position.activationEpoch > until
          ? 0n
          : calculateRewards(
              history.rates,
              history.activationEpoch,
              position.principal,
              position.activationEpoch,
              until,
            );
      return {
        objectId: position.objectId,
        nodeId: position.nodeId,
        nodeName: position.nodeName,
        principal: position.principal,
        state: position.state,
        activationEpoch: position.activationEpoch,
        withdrawEpoch: position.withdrawEpoch,
        active: position.activationEpoch <= epoch,
        canWithdrawNow: guidance.callNow === 'withdraw_stake',
        canWithdrawEarly: early,
        withdrawal: {
          callNow:
            guidance.callNow === undefined
              ? null
              : guidance.callNow === 'withdraw_stake'
                ? WithdrawCall.WITHDRAW_STAKE
                : WithdrawCall.REQUEST_WITHDRAW_STAKE,
          withdrawStakeFromEpoch: guidance.withdrawStakeFromEpoch,
          afterRequest: guidance.afterRequest,
          paysRewards: guidance.paysRewards,
        },
        rewards,
      };
    });
    return {
      address: owner,
      epoch,
      totalPrincipal: rows.reduce((sum, row) => sum + row.principal, 0n),
      totalRewards: rows.reduce((sum, row) => sum + row.rewards, 0n),
      positions: rows,
    };
  }

  /**
   * What the address's live positions earned in each of the last `last` completed epochs, newest
   * first: a position counts from its activation to the epoch before its withdrawal epoch.
   */
  async rewardHistory(address: string, last: number): Promise<DelegatorEpochRewardView[]> {
    const owner = parseAddress(address);
    const manager = readManager(this.dataSource);
    const state = await this.stakingState.latest();
    if (state === undefined) {
      return [];
    }
    const fromEpoch = Math.max(0, state.epoch - last);
    const positions = await StakedWalRepository.liveByOwner(manager, owner);
    const histories = await PoolRepository.rateHistories(manager, [
      ...new Set(positions.map((p) => p.nodeId)),
    ]);
    const epochs = new Map<number, DelegatorEpochRewardView>();
    for (const position of positions) {
      const history = histories.get(position.nodeId);
      if (history === undefined) {
        continue;
      }
      const earned = rewardsPerEpoch(
        history.rates,
        history.activationEpoch,
        position.principal,
        position.activationEpoch,
        earningUntil(position, state.epoch),
        fromEpoch,
      );
      for (const { epoch, rewards } of earned) {
        const entry = epochs.get(epoch) ?? { epoch, rewards: 0n, positions: [] };
        entry.rewards += rewards;
        entry.positions.push({
          objectId: position.objectId,
          nodeId: position.nodeId,
          nodeName: position.nodeName,
          rewards,
        });
        epochs.set(epoch, entry);
      }
    }
    return [...epochs.values()].sort((a, b) => b.epoch - a.epoch);
  }
}

function parseAddress(address: string): string {
  if (!/^0x[0-9a-fA-F]{1,64}$/.test(address) || !isValidSuiAddress(normalizeSuiAddress(address))) {
    throw new ApplicationException(ApplicationErrorCode.BAD_ADDRESS, `not a Sui address: ${address}`);
  }
  return normalizeSuiAddress(address);
}

/** The epoch a position's rewards are counted to: its withdrawal epoch, or the current one. */
function earningUntil(position: { state: string; withdrawEpoch: number | null }, epoch: number): number {
  return position.state === 'withdrawing' && position.withdrawEpoch !== null
    ? Math.min(epoch, position.withdrawEpoch)
    : epoch;
}
