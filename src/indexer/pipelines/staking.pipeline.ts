import type { EntityManager } from 'typeorm';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import * as W from 'src/chain/walrus-bcs';
import {
  CommitteeRepository,
  type ActiveSetRow,
  type CommitteeMemberRow,
  type CommitteeSelectionRow,
  type StakingStateRow,
} from 'src/store/committee/committee.repository';
import { SlashingRepository, type SlashingProposalVersionRow } from 'src/store/slashing/slashing.repository';
import type { Pipeline, PreparedBatch } from 'src/indexer/pipelines/pipeline';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import {
  authorizedText,
  decodeObject,
  elementHex,
  pendingRows,
  type DecodedStakingInner,
} from 'src/indexer/walrus-decoders';
import {
  PoolRepository,
  type ExchangeRateRow,
  type NodeAttestationRow,
  type PoolStateRow,
  type StorageNodeCapRow,
  type StorageNodeRow,
} from 'src/store/pools/pool.repository';
import { toHex } from '@mysten/sui/utils';

export interface StakingPipelineState {
  /** The Walrus epoch of the last staking inner object seen; null before the first. */
  readonly epoch: number | null;
  /** Exchange-rate table ID → node ID: rate entries are found by their parent table. */
  readonly rateTables: ReadonlyMap<string, string>;
  /**
   * Whether the last inner object seen had its next committee selected: a selection is the moment
   * this flips, within one epoch. Null before any (a snapshot never flips it).
   */
  readonly nextSelected: { readonly epoch: number; readonly selected: boolean } | null;
}

/**
 * Pools and the staking inner object: storage nodes, pool state per epoch, exchange rates, node
 * caps and attestations, the epoch state machine, committees (current, previous and selected
 * next), the active set, and every version of the slashing proposals. Within a transaction the
 * inner object is read first, so the pools an epoch change advances are filed under the new epoch.
 */
export class StakingPipeline implements Pipeline<StakingPipelineState> {
  readonly name = 'staking' as const;

  async loadState(manager: EntityManager): Promise<StakingPipelineState> {
    const latest = await CommitteeRepository.stakingState(manager);
    return {
      epoch: latest?.epoch ?? null,
      rateTables: await PoolRepository.exchangeRateTables(manager),
      nextSelected:
        latest === undefined ? null : { epoch: latest.epoch, selected: latest.nextCommitteeSelected },
    };
  }

  prepare(
    checkpoints: readonly WalrusCheckpoint[],
    initial: StakingPipelineState,
  ): PreparedBatch<StakingPipelineState> {
    let epoch = initial.epoch;
    let nextSelected = initial.nextSelected;
    let rateTables = initial.rateTables;
    const states = new Map<number, StakingStateRow>();
    const members = new Map<string, CommitteeMemberRow>();
    const activeSets = new Map<number, ActiveSetRow>();
    const nodes = new Map<string, StorageNodeRow>();
    const pools = new Map<string, PoolStateRow>();
    const rates = new Map<string, ExchangeRateRow>();
    const caps = new Map<string, StorageNodeCapRow>();
    const attestations = new Map<string, NodeAttestationRow>();
    const slashing: SlashingProposalVersionRow[] = [];
    let changes = 0;

    const keepNewest = <K, V extends { version: bigint }>(map: Map<K, V>, key: K, row: V) => {
      const existing = map.get(key);
      if (existing === undefined || existing.version < row.version) {
        map.set(key, row);
      }
    };

    // Pass 1, in chain order: which epoch each change belongs to (the inner object's epoch, peeked
    // without decoding), and the newest version of each keyed row. Only those get decoded: under
    // heavy staking every transaction rewrites the inner object, its committees and the pool.
    interface Sighting {
      readonly change: WalrusObjectChange;
      readonly checkpoint: WalrusCheckpoint;
      readonly epoch: number;
    }
    const newestInner = new Map<number, Sighting>();
    const committeeSeen = new Map<number, bigint>();
    // Committee selections: the checkpoint of voting_end and the active set it read (the latest
    // active-set version seen before it; none in this batch means the one already stored).
    const selections = new Map<
      number,
      { checkpoint: bigint; nShards: number; activeSet: Sighting | undefined }
    >();
    let lastActiveSet: Sighting | undefined;
    const newestActiveSet = new Map<number, Sighting>();
    const newestPool = new Map<string, Sighting>();
    const ordered: Sighting[] = [];
    const newer = (map: Map<string | number, Sighting>, key: string | number, sighting: Sighting) => {
      const existing = map.get(key);
      if (existing === undefined || existing.change.version < sighting.change.version) {
        map.set(key, sighting);
      }
    };
    for (const checkpoint of checkpoints) {
      for (const transaction of checkpoint.transactions) {
        const objects = [...transaction.objects].sort(
          (a, b) => Number(b.kind === 'stakingInner') - Number(a.kind === 'stakingInner'),
        );
        for (const change of objects) {
          if (change.kind === 'slashingProposal') {
            slashing.push(slashingVersion(change, checkpoint, requireEpoch(epoch, change)));
            changes++;
            continue;
          }
          if (change.operation === 'deleted') {
            continue;
          }
          if (change.kind === 'stakingInner') {
            const peeked = peekInner(change);
            epoch = peeked.epoch;
            newer(newestInner, epoch, { change, checkpoint, epoch });
            const flipped =
              peeked.nextCommitteeSelected && nextSelected?.epoch === epoch && !nextSelected.selected;
            if (flipped && checkpoint.snapshot !== true) {
              selections.set(epoch + 1, {
                checkpoint: checkpoint.sequence,
                nShards: peeked.nShards,
                activeSet: lastActiveSet,
              });
            }
            nextSelected = { epoch, selected: peeked.nextCommitteeSelected };
            // First sightings of each committee, whichever field showed it first: as the next
            // committee once selected, as the epoch's own, or as the previous one. The result does
            // not depend on how checkpoints are batched.
            for (const shown of [epoch - 1, epoch, ...(peeked.nextCommitteeSelected ? [epoch + 1] : [])]) {
              if (shown >= 0 && !committeeSeen.has(shown)) {
                committeeSeen.set(shown, checkpoint.sequence);
              }
            }
            changes++;
          } else if (change.kind === 'activeSet') {
            const at = requireEpoch(epoch, change);
            lastActiveSet = { change, checkpoint, epoch: at };
            newer(newestActiveSet, at, lastActiveSet);
            changes++;
          } else if (change.kind === 'stakingPool') {
            const at = requireEpoch(epoch, change);
            newer(newestPool, `${change.objectId}/${at}`, { change, checkpoint, epoch: at });
            changes++;
          } else if (change.kind === 'exchangeRate' || change.kind === 'storageNodeCap') {
            ordered.push({ change, checkpoint, epoch: epoch ?? -1 });
            changes++;
          }
        }
      }
    }
    const timing = (sighting: Sighting) => ({
      checkpoint: sighting.checkpoint.sequence,
      updatedAt: new Date(sighting.checkpoint.timestampMs),
    });

    // Pass 2: decode what is kept.
    for (const sighting of newestInner.values()) {
      const inner = decodeObject(W.StakingInnerField, sighting.change).value;
      keepNewest(states, inner.epoch, stakingStateRow(inner, sighting.change, timing(sighting)));
      for (const row of committeeRows(inner, (committeeEpoch) => committeeSeen.get(committeeEpoch))) {
        const key = `${row.epoch}/${row.nodeId}`;
        if (!members.has(key)) {
          members.set(key, row);
        }
      }
    }
    for (const sighting of newestActiveSet.values()) {
      const activeSet = decodeObject(W.ActiveSetField, sighting.change).value;
      keepNewest(activeSets, sighting.epoch, {
        epoch: sighting.epoch,
        maxSize: activeSet.max_size,
        thresholdStake: BigInt(activeSet.threshold_stake),
        totalStake: BigInt(activeSet.total_stake),
        version: sighting.change.version,
        ...timing(sighting),
        members: activeSet.nodes.map((node) => ({
          nodeId: node.node_id,
          stakedAmount: BigInt(node.staked_amount),
        })),
      });
    }
    for (const sighting of newestPool.values()) {
      const { change } = sighting;
      const at = timing(sighting);
      const pool = decodeObject(W.StakingPool, change);
      if (rateTables.get(pool.exchange_rates.id) !== pool.id) {
        rateTables = new Map(rateTables).set(pool.exchange_rates.id, pool.id);
      }
      keepNewest(nodes, pool.id, {
        nodeId: pool.id,
        name: pool.node_info.name,
        networkAddress: pool.node_info.network_address,
        publicKey: elementHex(pool.node_info.public_key),
        nextEpochPublicKey:
          pool.node_info.next_epoch_public_key === null
            ? null
            : elementHex(pool.node_info.next_epoch_public_key),
        networkPublicKey: `0x${toHex(Uint8Array.from(pool.node_info.network_public_key))}`,
        exchangeRatesId: pool.exchange_rates.id,
        commissionReceiver: authorizedText(pool.commission_receiver),
        governanceAuthorized: authorizedText(pool.governance_authorized),
        version: change.version,
        ...at,
      });
      keepNewest(pools, `${pool.id}/${sighting.epoch}`, {
        nodeId: pool.id,
        epoch: sighting.epoch,
        version: change.version,
        ...at,
        state:
          pool.state.$kind === 'Active'
            ? 'active'
            : pool.state.$kind === 'Withdrawing'
              ? 'withdrawing'
              : 'withdrawn',
        withdrawingEpoch: pool.state.Withdrawing ?? null,
        activationEpoch: pool.activation_epoch,
        latestEpoch: pool.latest_epoch,
        walBalance: BigInt(pool.wal_balance),
        numShares: BigInt(pool.num_shares),
        commissionRate: pool.commission_rate,
        pendingCommissionRate: pendingRows(pool.pending_commission_rate),
        pendingStake: pendingRows(pool.pending_stake),
        pendingSharesWithdraw: pendingRows(pool.pending_shares_withdraw),
        preActiveWithdrawals: pendingRows(pool.pre_active_withdrawals),
        rewardsPool: BigInt(pool.rewards_pool.value),
        commission: BigInt(pool.commission.value),
        storagePriceVote: BigInt(pool.voting_params.storage_price),
        writePriceVote: BigInt(pool.voting_params.write_price),
        nodeCapacityVote: BigInt(pool.voting_params.node_capacity),
      });
    }
    // Rates and caps after the pools of the batch, whose tables they hang under.
    for (const { change, checkpoint } of ordered) {
      if (change.kind === 'exchangeRate') {
        const field = decodeObject(W.ExchangeRateField, change);
        const nodeId = change.owner === null ? undefined : rateTables.get(change.owner);
        if (nodeId === undefined) {
          throw new NonRetryableChainError(
            `exchange rate ${change.objectId} (transaction ${change.txDigest}) belongs to table ` +
              `${String(change.owner)}, which no known staking pool owns`,
          );
        }
        const rate = field.value;
        keepNewest(rates, `${nodeId}/${field.name}`, {
          nodeId,
          epoch: field.name,
          kind: rate.$kind === 'Flat' ? 'flat' : 'variable',
          walAmount: rate.Variable === undefined ? null : BigInt(rate.Variable[0]),
          shareAmount: rate.Variable === undefined ? null : BigInt(rate.Variable[1]),
          version: change.version,
          checkpoint: checkpoint.sequence,
        });
        continue;
      }
      const cap = decodeObject(W.StorageNodeCap, change);
      keepNewest(caps, change.objectId, {
        capId: change.objectId,
        nodeId: cap.node_id,
        owner: change.owner ?? '',
        lastEpochSyncDone: cap.last_epoch_sync_done,
        denyListSize: BigInt(cap.deny_list_size),
        denyListSequence: BigInt(cap.deny_list_sequence),
        version: change.version,
        checkpoint: checkpoint.sequence,
        updatedAt: new Date(checkpoint.timestampMs),
      });
      // A mutated cap whose last_epoch_sync_done names an epoch is that node's attestation; the
      // earliest sighting is when it happened. A snapshot only shows where caps stand.
      const key = `${cap.node_id}/${cap.last_epoch_sync_done}`;
      if (change.operation === 'mutated' && checkpoint.snapshot !== true && cap.last_epoch_sync_done > 0) {
        if (!attestations.has(key)) {
          attestations.set(key, {
            nodeId: cap.node_id,
            epoch: cap.last_epoch_sync_done,
            checkpoint: checkpoint.sequence,
            attestedAt: new Date(checkpoint.timestampMs),
          });
        }
      }
    }

    const selectionRows: CommitteeSelectionRow[] = [...selections.entries()].map(([selected, selection]) => ({
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

    const state: StakingPipelineState = { epoch, rateTables, nextSelected };
    return {
      state,
      changes,
      write: async (manager) => {
        await CommitteeRepository.writeStakingStates(manager, [...states.values()]);
        await CommitteeRepository.writeCommitteeMembers(manager, [...members.values()]);
        // Before the batch's active sets: a selection without one in the batch reads the stored one.
        await CommitteeRepository.writeSelections(manager, selectionRows);
        await CommitteeRepository.writeActiveSets(manager, [...activeSets.values()]);
        await PoolRepository.writeNodes(manager, [...nodes.values()]);
        await PoolRepository.writePoolStates(manager, [...pools.values()]);
        await PoolRepository.writeExchangeRates(manager, [...rates.values()]);
        await PoolRepository.writeCaps(manager, [...caps.values()]);
        await PoolRepository.writeAttestations(manager, [...attestations.values()]);
        await SlashingRepository.writeVersions(manager, slashing);
      },
    };
  }
}

/** A version of a slashing proposal, or its removal, stamped with the Walrus epoch it happened in. */
function slashingVersion(
  change: WalrusObjectChange,
  checkpoint: WalrusCheckpoint,
  stakingEpoch: number,
): SlashingProposalVersionRow {
  const base = {
    fieldId: change.objectId,
    version: change.version,
    operation: change.operation,
    stakingEpoch,
    checkpoint: checkpoint.sequence,
    txDigest: change.txDigest,
    timestamp: new Date(checkpoint.timestampMs),
  };
  if (change.operation === 'deleted') {
    return { ...base, proposal: null };
  }
  const proposal = decodeObject(W.SlashingProposalField, change).value;
  return {
    ...base,
    proposal: {
      candidateNodeId: proposal.node_id,
      epoch: proposal.epoch,
      votingWeight: proposal.voting_weight,
      voters: proposal.voters.contents,
    },
  };
}

function requireEpoch(epoch: number | null, change: WalrusObjectChange): number {
  if (epoch === null) {
    throw new NonRetryableChainError(
      `${change.kind} ${change.objectId} (transaction ${change.txDigest}) arrived before any staking ` +
        'inner object: its epoch is unknown',
    );
  }
  return epoch;
}

function stakingStateRow(
  inner: DecodedStakingInner,
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
