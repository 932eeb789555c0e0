import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeKeysetCursor, keysetPage } from 'src/common/keyset-cursor';
import { EpochRepository } from 'src/store/epochs/epoch.repository';
import { StakedWalRepository } from 'src/store/positions/staked-wal.repository';
import { readManager } from 'src/store/read-scope';
import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';

export type HolderOrder = 'PRINCIPAL' | 'ADDRESS';

export interface HolderView {
  readonly address: string;
  readonly principal: bigint;
  /** Of the principal, what is requested for withdrawal. */
  readonly withdrawing: bigint;
  readonly positions: number;
}

export interface HolderConnectionView {
  readonly edges: readonly { readonly cursor: string; readonly node: HolderView }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** What moved in and out of a node's pool during one epoch, counted per address. */
export interface StakeFlowView {
  readonly epoch: number;
  /** Principal added by addresses whose principal grew, FROST. */
  readonly stakeAdded: bigint;
  /** Principal taken out by addresses whose principal shrank (withdrawn, not just requested), FROST. */
  readonly stakeWithdrawn: bigint;
  readonly delegatorsJoined: number;
  readonly delegatorsLeft: number;
  /** Addresses with principal at the epoch's end (now, for the current one). */
  readonly delegators: number;
}

/** Tip stand-in for the current epoch's cutoff: every version so far. */
const NO_CUTOFF = 2n ** 62n;

/** A node's delegators and the flows of its stake, from the positions Tusk indexes. */
@Injectable()
export class OperatorDelegatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  async holders(
    nodeId: string,
    first: number,
    order: HolderOrder,
    after?: string,
  ): Promise<HolderConnectionView> {
    const list = `delegators:${order}`;
    const position =
      after === undefined
        ? undefined
        : (() => {
            const [principal, owner] = decodeKeysetCursor(list, after, 2);
            return { principal: BigInt(principal ?? 0), owner: String(owner) };
          })();
    const rows = await StakedWalRepository.holders(readManager(this.dataSource), nodeId, {
      order: order === 'PRINCIPAL' ? 'principal' : 'address',
      after: position,
      limit: first + 1,
    });
    return keysetPage(
      rows,
      first,
      list,
      (row) => [row.principal.toString(), row.owner],
      (row) => ({
        address: row.owner,
        principal: row.principal,
        withdrawing: row.withdrawing,
        positions: row.positions,
      }),
    );
  }

  /**
   * The last `last` epochs' flows, newest first: each address's principal at the epoch's end
   * against the one before. A position moved between addresses counts as one leaving and one
   * joining; splits and joins change nothing. Epochs before the snapshot an index started from
   * are left out, their history being unknown.
   */
  async flows(nodeId: string, last: number): Promise<StakeFlowView[]> {
    const manager = readManager(this.dataSource);
    const state = await this.stakingState.latest();
    if (state === undefined) {
      return [];
    }
    const from = Math.max(0, state.epoch - last + 1);
    const [starts, historyFrom] = await Promise.all([
      EpochRepository.history(manager, last + 2, state.epoch + 1),
      StakedWalRepository.historyFrom(manager, nodeId),
    ]);
    const startOf = new Map(starts.map((epoch) => [epoch.epoch, epoch.startedCheckpoint]));
    /** The last checkpoint of epoch `e`: the one before the next epoch's start. */
    const endOf = (epoch: number): bigint | undefined => {
      if (epoch < 0) {
        return -1n;
      }
      if (epoch >= state.epoch) {
        return NO_CUTOFF;
      }
      const next = startOf.get(epoch + 1);
      return next === null || next === undefined ? undefined : next - 1n;
    };
    const epochs = Array.from({ length: state.epoch - from + 1 }, (_, index) => from + index).filter(
      (epoch) => {
        const before = endOf(epoch - 1);
        return (
          before !== undefined &&
          endOf(epoch) !== undefined &&
          (historyFrom === undefined || before >= historyFrom)
        );
      },
    );
    const cutoffs = [...new Set(epochs.flatMap((epoch) => [epoch - 1, epoch]))].map((key) => ({
      key,
      checkpoint: endOf(key) ?? -1n,
    }));
    const principals = await StakedWalRepository.principalsAt(manager, nodeId, cutoffs);
    return epochs
      .map((epoch) =>
        flowBetween(epoch, principals.get(epoch - 1) ?? new Map(), principals.get(epoch) ?? new Map()),
      )
      .reverse();
  }
}

function flowBetween(
  epoch: number,
  before: ReadonlyMap<string, bigint>,
  after: ReadonlyMap<string, bigint>,
): StakeFlowView {
  let stakeAdded = 0n;
  let stakeWithdrawn = 0n;
  let delegatorsJoined = 0;
  let delegatorsLeft = 0;
  for (const owner of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(owner) ?? 0n;
    const is = after.get(owner) ?? 0n;
    if (is > was) {
      stakeAdded += is - was;
    } else {
      stakeWithdrawn += was - is;
    }
    if (was === 0n && is > 0n) {
      delegatorsJoined++;
    } else if (was > 0n && is === 0n) {
      delegatorsLeft++;
    }
  }
  return {
    epoch,
    stakeAdded,
    stakeWithdrawn,
    delegatorsJoined,
    delegatorsLeft,
    delegators: [...after.values()].filter((principal) => principal > 0n).length,
  };
}
