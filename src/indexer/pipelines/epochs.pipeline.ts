import type { EntityManager } from 'typeorm';
import * as W from 'src/chain/walrus-bcs';
import {
  EpochRepository,
  type DenyListSizesRow,
  type EpochMomentRow,
  type SystemStateRow,
} from 'src/store/epochs/epoch.repository';
import { decodeEvent } from 'src/indexer/pipelines/events.pipeline';
import { latestEpochIn, type Pipeline, type PreparedBatch } from 'src/indexer/pipelines/pipeline';
import type { WalrusCheckpoint } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import { SubsidyRuns } from 'src/indexer/pipelines/subsidy-runs';
import { SubsidyRepository, type SubsidyStateRow } from 'src/store/subsidies/subsidy.repository';

export interface EpochsPipelineState {
  /** The epoch of the last system object seen; deny-list sizes are filed under it. */
  readonly epoch: number | null;
  /** The last version of the subsidies state: the next run's growth is measured from it. */
  readonly subsidies: SubsidyStateRow | undefined;
}

const MOMENTS = {
  EpochChangeStart: { moment: 'started', field: 'epoch' },
  EpochParametersSelected: { moment: 'committee_selected', field: 'next_epoch' },
  EpochChangeDone: { moment: 'done', field: 'epoch' },
} as const;

/**
 * Epochs: when each started, had its committee selected and finished its handoff (from the
 * life-cycle events), the system object's capacity, prices, future accounting and deny-list
 * sizes as they stood in each epoch, and the subsidies that fund its rewards.
 */
export class EpochsPipeline implements Pipeline<EpochsPipelineState> {
  readonly name = 'epochs' as const;

  async loadState(manager: EntityManager): Promise<EpochsPipelineState> {
    return {
      epoch: await latestEpochIn(manager, 'system_state'),
      subsidies: await SubsidyRepository.latest(manager),
    };
  }

  prepare(
    checkpoints: readonly WalrusCheckpoint[],
    initial: EpochsPipelineState,
  ): PreparedBatch<EpochsPipelineState> {
    let epoch = initial.epoch;
    const moments: EpochMomentRow[] = [];
    const systems = new Map<number, SystemStateRow>();
    const denyLists = new Map<number, DenyListSizesRow>();
    const subsidyRuns = new SubsidyRuns(initial.subsidies);
    let changes = 0;
    for (const checkpoint of checkpoints) {
      const at = new Date(checkpoint.timestampMs);
      for (const transaction of checkpoint.transactions) {
        for (const event of transaction.events) {
          if (event.name in MOMENTS) {
            const { moment, field } = MOMENTS[event.name as keyof typeof MOMENTS];
            const data = decodeEvent(event);
            moments.push({ epoch: Number(data[field]), moment, checkpoint: checkpoint.sequence, at });
            changes++;
          }
        }
        const objects = [...transaction.objects].sort(
          (a, b) => Number(b.kind === 'systemInner') - Number(a.kind === 'systemInner'),
        );
        for (const change of objects) {
          if (change.operation === 'deleted') {
            continue;
          }
          if (change.kind === 'systemInner') {
            const inner = decodeObject(W.SystemInnerField, change).value;
            epoch = inner.committee.epoch;
            const existing = systems.get(epoch);
            if (existing === undefined || existing.version < change.version) {
              systems.set(epoch, {
                epoch,
                version: change.version,
                checkpoint: checkpoint.sequence,
                updatedAt: at,
                nShards: inner.committee.n_shards,
                totalCapacitySize: BigInt(inner.total_capacity_size),
                usedCapacitySize: BigInt(inner.used_capacity_size),
                storagePricePerUnitSize: BigInt(inner.storage_price_per_unit_size),
                writePricePerUnitSize: BigInt(inner.write_price_per_unit_size),
                futureAccounting: inner.future_accounting.ring_buffer
                  .map((bucket) => ({
                    epoch: bucket.epoch,
                    usedCapacity: bucket.used_capacity,
                    rewardsToDistribute: bucket.rewards_to_distribute.value,
                  }))
                  .sort((a, b) => a.epoch - b.epoch),
              });
            }
            changes++;
          } else if (change.kind === 'subsidiesInner') {
            subsidyRuns.see(change, checkpoint);
            changes++;
          } else if (change.kind === 'denyListSizes' && epoch !== null) {
            const sizes = decodeObject(W.DenyListSizesField, change).value;
            const existing = denyLists.get(epoch);
            if (existing === undefined || existing.version < change.version) {
              denyLists.set(epoch, {
                epoch,
                version: change.version,
                sizes: Object.fromEntries(sizes.contents.map((entry) => [entry.key, entry.value])),
              });
            }
            changes++;
          }
        }
      }
    }
    return {
      state: { epoch, subsidies: subsidyRuns.latest },
      changes,
      write: async (manager) => {
        await EpochRepository.writeMoments(manager, moments);
        await EpochRepository.writeSystemStates(manager, [...systems.values()]);
        await EpochRepository.writeDenyListSizes(manager, [...denyLists.values()]);
        await SubsidyRepository.write(manager, subsidyRuns.rows);
      },
    };
  }
}
