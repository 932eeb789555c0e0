import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { STAKING_EVENTS } from 'src/chain/walrus-bcs';
import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';
import { decodeKeysetCursor, keysetPage } from 'src/common/keyset-cursor';
import { normaliseNodeId } from 'src/staking/operators.service';
import { readManager } from 'src/store/read-scope';
import { WalrusEventRepository, type WalrusEventRow } from 'src/store/events/walrus-event.repository';

/** A Walrus event as the feed shows it, its decoded fields as name and value. */
export interface ChainEventView {
  readonly checkpoint: bigint;
  readonly timestamp: Date;
  readonly txDigest: string;
  readonly eventIndex: number;
  readonly type: string;
  readonly moveType: string;
  readonly sender: string;
  readonly epoch: number | null;
  /** Decoded fields; a value that is not a string is its JSON. */
  readonly fields: readonly { readonly name: string; readonly value: string }[];
}

export interface ChainEventConnectionView {
  readonly edges: readonly { readonly cursor: string; readonly node: ChainEventView }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

export interface ChainEventFilterInput {
  readonly types?: readonly string[];
  readonly nodeId?: string;
  readonly epoch?: number;
  readonly fromCheckpoint?: bigint;
}

const LIST = 'events';

/** The chain's story as a feed: the Walrus staking and epoch events Tusk records, oldest first. */
@Injectable()
export class ChainEventsService {
  constructor(private readonly dataSource: DataSource) {}

  async events(
    filter: ChainEventFilterInput,
    first: number,
    after?: string,
  ): Promise<ChainEventConnectionView> {
    const unknown = (filter.types ?? []).filter((type) => !Object.hasOwn(STAKING_EVENTS, type));
    if (unknown.length > 0) {
      throw new ApplicationException(
        ApplicationErrorCode.BAD_EVENT_TYPE,
        `unknown event types: ${unknown.join(', ')} (known: ${Object.keys(STAKING_EVENTS).join(', ')})`,
      );
    }
    const position =
      after === undefined
        ? undefined
        : (() => {
            const [checkpoint, txDigest, eventIndex] = decodeKeysetCursor(LIST, after, 3);
            return {
              checkpoint: BigInt(checkpoint ?? 0),
              txDigest: String(txDigest),
              eventIndex: Number(eventIndex),
            };
          })();
    const rows = await WalrusEventRepository.page(
      readManager(this.dataSource),
      {
        types: filter.types,
        nodeId: filter.nodeId === undefined ? undefined : normaliseNodeId(filter.nodeId),
        epoch: filter.epoch,
        fromCheckpoint: filter.fromCheckpoint,
      },
      position,
      first + 1,
    );
    return keysetPage(
      rows,
      first,
      LIST,
      (row) => [row.checkpoint.toString(), row.txDigest, row.eventIndex],
      toView,
    );
  }
}

function toView(row: WalrusEventRow): ChainEventView {
  return {
    checkpoint: row.checkpoint,
    timestamp: row.timestamp,
    txDigest: row.txDigest,
    eventIndex: row.eventIndex,
    type: row.type,
    moveType: row.moveType,
    sender: row.sender,
    epoch: row.epoch,
    fields: Object.entries(row.data ?? {}).map(([name, value]) => ({
      name,
      value: typeof value === 'string' ? value : JSON.stringify(value),
    })),
  };
}
