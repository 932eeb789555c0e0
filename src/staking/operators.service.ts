import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badUserInput } from 'src/api/api-errors';
import { DomainError } from 'src/domain/shared/domain.error';
import { parseNodeId } from 'src/domain/shared/node-id';
import {
  OperatorOrderField,
  OrderDirection,
  type OperatorConnectionType,
  type OperatorOrder,
  type OperatorType,
  type OperatorWhere,
} from 'src/staking/graphql/operator.types';
import {
  OperatorRepository,
  type OperatorColumn,
  type OperatorCondition,
  type OperatorRecord,
} from 'src/staking/operator.repository';

/** Page size when `first` is not given, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

const ORDER_COLUMNS: Record<OperatorOrderField, OperatorColumn> = {
  [OperatorOrderField.stake]: 'stake',
  [OperatorOrderField.shards]: 'shards',
  [OperatorOrderField.commissionRate]: 'commission_rate',
  [OperatorOrderField.name]: 'name',
};

/** Operators for delegators: filtered, ordered and paged with opaque cursors. */
@Injectable()
export class OperatorsService {
  constructor(private readonly dataSource: DataSource) {}

  async list(options: {
    first?: number | null;
    after?: string | null;
    where?: OperatorWhere | null;
    orderBy?: OperatorOrder[] | null;
  }): Promise<OperatorConnectionType> {
    const first = options.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`);
    }
    const offset =
      options.after === undefined || options.after === null ? 0 : decodeCursor(options.after) + 1;
    const orderBy = (
      options.orderBy ?? [{ field: OperatorOrderField.stake, direction: OrderDirection.desc }]
    ).map((order) => ({
      column: ORDER_COLUMNS[order.field],
      direction: order.direction === OrderDirection.asc ? ('ASC' as const) : ('DESC' as const),
    }));
    const { rows, totalCount } = await OperatorRepository.find(this.dataSource.manager, {
      where: options.where === undefined || options.where === null ? undefined : toCondition(options.where),
      orderBy,
      offset,
      limit: first,
    });
    const edges = rows.map((row, i) => ({ cursor: encodeCursor(offset + i), node: toOperator(row) }));
    return {
      edges,
      pageInfo: { hasNextPage: offset + rows.length < totalCount, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }

  async get(nodeId: string): Promise<OperatorType | undefined> {
    const id = normaliseNodeId(nodeId);
    const { rows } = await OperatorRepository.find(this.dataSource.manager, {
      where: { kind: 'in', column: 'node_id', values: [id] },
      orderBy: [],
      offset: 0,
      limit: 1,
    });
    return rows[0] === undefined ? undefined : toOperator(rows[0]);
  }
}

function normaliseNodeId(text: string): string {
  try {
    return parseNodeId(text);
  } catch (error) {
    throw badUserInput(error instanceof DomainError ? error.message : `not a node ID: ${text}`);
  }
}

function toCondition(where: OperatorWhere): OperatorCondition {
  const conditions: OperatorCondition[] = [];
  const compare = (
    column: OperatorColumn,
    op: '<' | '>' | '<=' | '>=',
    value: bigint | number | null | undefined,
  ) => {
    if (value !== undefined && value !== null) {
      conditions.push({
        kind: 'compare',
        column,
        op,
        value: typeof value === 'bigint' ? value.toString() : value,
      });
    }
  };
  if (where.name_contains !== undefined && where.name_contains !== null) {
    conditions.push({ kind: 'contains', column: 'name', value: where.name_contains });
  }
  if (where.nodeId_in !== undefined && where.nodeId_in !== null) {
    conditions.push({ kind: 'in', column: 'node_id', values: where.nodeId_in.map(normaliseNodeId) });
  }
  compare('stake', '>', where.stake_gt);
  compare('stake', '>=', where.stake_gte);
  compare('stake', '<', where.stake_lt);
  compare('stake', '<=', where.stake_lte);
  compare('shards', '>', where.shards_gt);
  compare('shards', '<', where.shards_lt);
  compare('commission_rate', '<', where.commissionRate_lt);
  compare('commission_rate', '<=', where.commissionRate_lte);
  compare('commission_rate', '>', where.commissionRate_gt);
  if (where.inCommittee !== undefined && where.inCommittee !== null) {
    conditions.push({ kind: 'flag', column: 'in_committee', value: where.inCommittee });
  }
  if (where.AND !== undefined && where.AND !== null) {
    conditions.push({ kind: 'and', conditions: where.AND.map(toCondition) });
  }
  if (where.OR !== undefined && where.OR !== null) {
    conditions.push({ kind: 'or', conditions: where.OR.map(toCondition) });
  }
  return { kind: 'and', conditions };
}

function toOperator(row: OperatorRecord): OperatorType {
  return {
    nodeId: row.nodeId,
    name: row.name,
    networkAddress: row.networkAddress,
    state: row.state,
    stake: row.stake,
    shards: row.shards,
    inCommittee: row.inCommittee,
    commissionRate: row.commissionRate,
    pendingCommissionRates: row.pendingCommissionRate.map((entry) => ({
      effectiveEpoch: entry.epoch,
      rate: Number(entry.value),
    })),
    activationEpoch: row.activationEpoch,
    votes: {
      storagePrice: row.storagePriceVote,
      writePrice: row.writePriceVote,
      nodeCapacity: row.nodeCapacityVote,
    },
    activeSetRank: row.activeSetRank,
    delegatorCount: row.delegators,
  };
}

/** Cursors are opaque: the position in the ordered result, base64. */
function encodeCursor(position: number): string {
  return Buffer.from(`operator:${position}`).toString('base64');
}

function decodeCursor(cursor: string): number {
  const match = /^operator:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString());
  if (match?.[1] === undefined) {
    throw badUserInput(`not a cursor of this list: ${cursor}`);
  }
  return Number(match[1]);
}
