import { toHex } from '@mysten/sui/utils';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import { isStakingEvent, STAKING_EVENTS } from 'src/chain/walrus-bcs';
import { WalrusEventRepository, type WalrusEventRow } from 'src/store/events/walrus-event.repository';
import type { Pipeline, PreparedBatch } from 'src/indexer/pipelines/pipeline';
import type { WalrusCheckpoint, WalrusEventRecord } from 'src/indexer/walrus-checkpoint';
import { toJson } from 'src/indexer/walrus-decoders';

/** Walrus staking and epoch events, decoded, keyed by `(tx_digest, event_index)`. */
export class EventsPipeline implements Pipeline<null> {
  readonly name = 'events' as const;

  loadState(): Promise<null> {
    return Promise.resolve(null);
  }

  prepare(checkpoints: readonly WalrusCheckpoint[]): PreparedBatch<null> {
    const rows: WalrusEventRow[] = [];
    for (const checkpoint of checkpoints) {
      for (const transaction of checkpoint.transactions) {
        for (const event of transaction.events) {
          if (isStakingEvent(event.name)) {
            rows.push(eventRow(checkpoint, event));
          }
        }
      }
    }
    return {
      state: null,
      changes: rows.length,
      write: (manager) => WalrusEventRepository.insert(manager, rows),
    };
  }
}

export function decodeEvent(event: WalrusEventRecord): Record<string, unknown> {
  if (!isStakingEvent(event.name)) {
    throw new Error(`not a staking event: ${event.name}`);
  }
  try {
    return toJson(STAKING_EVENTS[event.name].parse(event.contents)) as Record<string, unknown>;
  } catch (error) {
    throw new NonRetryableChainError(
      `cannot decode event ${event.moveType} (transaction ${event.txDigest}, index ${event.eventIndex}): ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  }
}

function eventRow(checkpoint: WalrusCheckpoint, event: WalrusEventRecord): WalrusEventRow {
  const data = decodeEvent(event);
  const epoch = data.epoch ?? data.next_epoch;
  return {
    txDigest: event.txDigest,
    eventIndex: event.eventIndex,
    checkpoint: checkpoint.sequence,
    timestamp: new Date(checkpoint.timestampMs),
    type: event.name,
    moveType: event.moveType,
    sender: event.sender,
    epoch: typeof epoch === 'number' ? epoch : null,
    data,
    bcs: `0x${toHex(event.contents)}`,
  };
}
