import type { EntityManager } from 'typeorm';
import * as W from 'src/chain/walrus-bcs';
import {
  keepNewest,
  keepNewestSighting,
  timing,
  type Sighting,
  type StakingBatch,
} from 'src/indexer/pipelines/staking/staking-batch';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject, type DecodedStakingInner } from 'src/indexer/walrus-decoders';
import {
  StakingStateRepository,
  type CommitteeMemberRow,
  type CommitteeSelectionRow,
  type StakingStateRow,
} from 'src/store/staking-state/staking-state.repository';

/**
 * The staking inner object: the epoch state machine, the committees (current, previous and, once
 * selected, next) and the moments `voting_end` selected one. Each change's epoch and selection
 * flag are peeked from fixed offsets; only the newest version per epoch is decoded, since under
 * heavy staking every transaction rewrites the inner object.
 */
export class StakingInnerHandler implements StakingObjectHandler {
  readonly kinds = ['stakingInner'] as const;
  private readonly newest = new Map<number, Sighting>();
  private readonly committeeSeen = new Map<number, bigint>();
  /** Selections: the checkpoint of voting_end and the active set it read (none: the stored one). */
  private readonly selections = new Map<
    number,
    { checkpoint: bigint; nShards: number; activeSet: Sighting | undefined }
  >();
  private readonly states = new Map<number, StakingStateRow>();
  private readonly members = new Map<string, CommitteeMemberRow>();
  private selectionRows: CommitteeSelectionRow[] = [];

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint, batch: StakingBatch): void {
    const peeked = peekInner(change);
    const epoch = peeked.epoch;
    batch.epoch = epoch;
    keepNewestSighting(this.newest, epoch, { change, checkpoint, epoch });
    const previous = batch.nextSelected;
    const flipped = peeked.nextCommitteeSelected && previous?.epoch === epoch && !previous.selected;
    if (flipped && checkpoint.snapshot !== true) {
      this.selections.set(epoch + 1, {
        checkpoint: checkpoint.sequence,
        nShards: peeked.nShards,
        activeSet: batch.lastActiveSet,
      });
    }
    batch.nextSelected = { epoch, selected: peeked.nextCommitteeSelected };
    // First sightings of each committee, whichever field showed it first: as the next committee
    // once selected, as the epoch's own, or as the previous one. The result does not depend on
    // how checkpoints are batched.
    for (const shown of [epoch - 1, epoch, ...(peeked.nextCommitteeSelected ? [epoch + 1] : [])]) {
      if (shown >= 0 && !this.committeeSeen.has(shown)) {
        this.committeeSeen.set(shown, checkpoint.sequence);
      }
    }
  }

  decode(): void {
    for (const sighting of this.newest.values()) {
      const field = decodeObject(W.StakingInnerField, sighting.change);
      const inner = field.value;
      keepNewest(
        this.states,
        inner.epoch,
        stakingStateRow(inner, Number(field.name), sighting.change, timing(sighting)),
      );
      for (const row of committeeRows(inner, (epoch) => this.committeeSeen.get(epoch))) {
        const key = `${row.epoch}/${row.nodeId}`;
        if (!this.members.has(key)) {
          this.members.set(key, row);
        }
      }
    }
    this.selectionRows = [...this.selections.entries()].map(([selected, selection]) => ({
      epoch: selected,
      checkpoint: selection.checkpoint,
      nShards: selection.nShards,
      activeSet:
        selection.activeSet === undefined
          ? undefined
          : decodeObject(W.ActiveSetField, selection.activeSet.change).value.nodes.map((node) => ({
              nodeId: node.node_id,
              stakedAmount: BigInt(node.staked_amount),
            })),
    }));
  }

  async write(manager: EntityManager): Promise<void> {
    await StakingStateRepository.writeStakingStates(manager, [...this.states.values()]);
    await StakingStateRepository.writeCommitteeMembers(manager, [...this.members.values()]);
    // Before the batch's active sets: a selection without one in the batch reads the stored one.
    await StakingStateRepository.writeSelections(manager, this.selectionRows);
  }
}

function stakingStateRow(
  inner: DecodedStakingInner,
  interfaceVersion: number,
  change: WalrusObjectChange,
  at: { checkpoint: bigint; updatedAt: Date },
): StakingStateRow {
  const state = inner.epoch_state;
  const params = inner.next_epoch_params;
  return {
    epoch: inner.epoch,
    version: change.version,
    ...at,
    nShards: inner.n_shards,
    interfaceVersion,
    epochDurationMs: BigInt(inner.epoch_duration),
    firstEpochStartMs: BigInt(inner.first_epoch_start),
    epochState: state.$kind,
    syncWeight: state.EpochChangeSync ?? null,
    stateTimestampMs:
      state.EpochChangeDone !== undefined
        ? BigInt(state.EpochChangeDone)
        : state.NextParamsSelected !== undefined
          ? BigInt(state.NextParamsSelected)
          : null,
    nextTotalCapacitySize: params === null ? null : BigInt(params.total_capacity_size),
    nextStoragePrice: params === null ? null : BigInt(params.storage_price_per_unit_size),
    nextWritePrice: params === null ? null : BigInt(params.write_price_per_unit_size),
    nextCommitteeSelected: inner.next_committee !== null,
  };
}

/**
 * The committees an inner object shows: its epoch's, the previous one and, once selected, the
 * next, each stamped with the checkpoint that first showed it (`firstSeen`).
 */
function committeeRows(
  inner: DecodedStakingInner,
  firstSeen: (epoch: number) => bigint | undefined,
): CommitteeMemberRow[] {
  const rows = (epoch: number, committee: DecodedStakingInner['committee'], checkpoint: bigint | undefined) =>
    committee.pos0.contents.map((entry, position) => ({
      epoch,
      nodeId: entry.key,
      position,
      shards: entry.value,
      checkpoint: checkpoint ?? 0n,
    }));
  return [
    ...rows(inner.epoch, inner.committee, firstSeen(inner.epoch)),
    ...(inner.epoch > 0 ? rows(inner.epoch - 1, inner.previous_committee, firstSeen(inner.epoch - 1)) : []),
    ...(inner.next_committee === null
      ? []
      : rows(inner.epoch + 1, inner.next_committee, firstSeen(inner.epoch + 1))),
  ];
}

/**
 * The epoch and whether `next_committee` is set, read at their fixed offsets in
 * `Field<u64, StakingInnerV1>`: id (32) and name (8), then n_shards (2), epoch_duration (8),
 * first_epoch_start (8), pools (32 + 8), epoch (u32), active_set (32), next_committee's tag.
 */
function peekInner(change: WalrusObjectChange): {
  epoch: number;
  nShards: number;
  nextCommitteeSelected: boolean;
} {
  const bytes = change.contents;
  const nShardsOffset = 32 + 8;
  const epochOffset = nShardsOffset + 2 + 8 + 8 + 40;
  const tagOffset = epochOffset + 4 + 32;
  if (bytes === undefined || bytes.length <= tagOffset) {
    // Too short to peek: the full decode raises the proper error.
    const inner = decodeObject(W.StakingInnerField, change).value;
    return {
      epoch: inner.epoch,
      nShards: inner.n_shards,
      nextCommitteeSelected: inner.next_committee !== null,
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    epoch: view.getUint32(epochOffset, true),
    nShards: view.getUint16(nShardsOffset, true),
    nextCommitteeSelected: bytes[tagOffset] === 1,
  };
}
