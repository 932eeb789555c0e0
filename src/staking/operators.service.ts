import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import {
  OperatorOrderField,
  OrderDirection,
  PendingCommissionStatus,
  type ApyWindowView,
  type OperatorConnectionView,
  type OperatorFilter,
  type OperatorOrdering,
  type OperatorView,
  type PerformanceScoreView,
} from 'src/staking/operator.views';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import {
  ApplicationErrorCode,
  ApplicationException,
  requireEpoch,
  requirePageSize,
} from 'src/common/errors/application.exception';
import type { AsOf } from 'src/common/as-of';
import { DomainError } from 'src/domain/shared/domain.error';
import { parseNodeId } from 'src/domain/shared/node-id';
import { commissionRuleOf, scheduledCommissionStatuses } from 'src/domain/staking/scheduled-commission';
import {
  commissionAvoidance,
  commissionClock,
  type CommissionClock,
} from 'src/domain/staking/avoid-commission';
import type { CommissionRule } from 'src/domain/staking/staking-pool';
import { PerformanceService } from 'src/performance/performance.service';
import { OperatorHistoryService } from 'src/staking/operator-history.service';
import {
  compareOperatorPositions,
  decodeOperatorCursor,
  encodeOperatorCursor,
  type OperatorPosition,
  type OrderKey,
} from 'src/staking/operator-cursor';
import {
  OperatorRepository,
  type OperatorColumn,
  type OperatorCondition,
  type OperatorRecord,
} from 'src/store/queries/operator.repository';

/**
 * Receives the APY windows and scores an ordering computed, so that the request's fields can show
 * the very values the list was ordered by (the GraphQL edge primes its loaders with them).
 */
export interface ComputedValuesSink {
  apy(nodeId: string, windows: ApyWindowView[]): void;
  score(nodeId: string, score: PerformanceScoreView): void;
}

/** Page size when `first` is not given, and the most one page may hold. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Fields ordered in SQL; APY and score are computed, so a list ordered by them is sorted here. */
const ORDER_COLUMNS: Partial<Record<OperatorOrderField, OperatorColumn>> = {
  [OperatorOrderField.stake]: 'stake',
  [OperatorOrderField.shards]: 'shards',
  [OperatorOrderField.commissionRate]: 'commission_rate',
  [OperatorOrderField.name]: 'name',
};

/** Operators for delegators: filtered, ordered and paged with opaque cursors. */
@Injectable()
export class OperatorsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly performance: PerformanceService,
    private readonly history: OperatorHistoryService,
    private readonly stakingState: StakingStateReader,
  ) {}

  async list(
    options: {
      first?: number | null;
      after?: string | null;
      where?: OperatorFilter | null;
      orderBy?: OperatorOrdering[] | null;
      asOf?: AsOf | null;
    },
    sink?: ComputedValuesSink,
  ): Promise<OperatorConnectionView> {
    const asOfEpoch = await this.asOfEpoch(options.asOf);
    const first = options.first ?? DEFAULT_PAGE_SIZE;
    requirePageSize('first', first, MAX_PAGE_SIZE);
    const orders = options.orderBy ?? [{ field: OperatorOrderField.stake, direction: OrderDirection.desc }];
    const after =
      options.after === undefined || options.after === null
        ? undefined
        : decodeOperatorCursor(options.after, orders);
    const where =
      options.where === undefined || options.where === null ? undefined : toCondition(options.where);
    const computed = orders.some((order) => ORDER_COLUMNS[order.field] === undefined);
    if (!computed) {
      // One row more than the page, to tell whether another page follows.
      const { rows, totalCount } = await OperatorRepository.find(readManager(this.dataSource), {
        where,
        orderBy: orders.map((order) => ({
          column: ORDER_COLUMNS[order.field] as OperatorColumn,
          direction: sqlDirection(order),
        })),
        after: after === undefined ? undefined : [...after.keys.map(sqlValue), after.nodeId],
        limit: first + 1,
        asOfEpoch,
      });
      const context = await this.commissionContext(asOfEpoch);
      const operators = rows.map((row) => toOperator(row, context));
      const positions = operators.map((operator) => ({
        keys: orders.map((order) => sortKey(operator, order.field, NO_COMPUTED_KEYS, 0)),
        nodeId: operator.nodeId,
      }));
      return page(orders, operators, positions, 0, first, totalCount);
    }
    // Every match, ordered here on the computed keys (a few hundred operators at most).
    const { rows, totalCount } = await OperatorRepository.find(readManager(this.dataSource), {
      where,
      orderBy: [],
      limit: Number.MAX_SAFE_INTEGER,
      asOfEpoch,
    });
    const context = await this.commissionContext(asOfEpoch);
    const unordered = rows.map((row) => toOperator(row, context));
    const keys = await this.computedKeys(
      unordered.map((operator) => operator.nodeId),
      orders.map((order) => order.field),
      sink,
    );
    const ranked = unordered
      .map((operator, index) => ({
        operator,
        position: {
          keys: orders.map((order) => sortKey(operator, order.field, keys, index)),
          nodeId: operator.nodeId,
        },
      }))
      .sort((a, b) => compareOperatorPositions(orders, a.position, b.position));
    const start =
      after === undefined
        ? 0
        : ranked.filter((entry) => compareOperatorPositions(orders, entry.position, after) <= 0).length;
    return page(
      orders,
      ranked.map((entry) => entry.operator),
      ranked.map((entry) => entry.position),
      start,
      first,
      totalCount,
    );
  }

  /**
   * APY and score of every listed operator, when the order asks for them. They are handed to the
   * request's sink too, so that the fields show the very values the list was ordered by.
   */
  private async computedKeys(
    nodeIds: string[],
    fields: OperatorOrderField[],
    computed: ComputedValuesSink | undefined,
  ): Promise<ComputedKeys> {
    const apys = fields.includes(OperatorOrderField.apy) ? await this.history.apys(nodeIds) : undefined;
    const scores = fields.includes(OperatorOrderField.score)
      ? await this.performance.scores(nodeIds)
      : undefined;
    nodeIds.forEach((nodeId, index) => {
      const apy = apys?.[index];
      const score = scores?.[index];
      if (apy !== undefined) {
        computed?.apy(nodeId, apy);
      }
      if (score !== undefined) {
        computed?.score(nodeId, score);
      }
    });
    return {
      apy: apys?.map((windows) => orderingApy(windows)),
      score: scores?.map((score) => score.score),
    };
  }

  /**
   * Whether a scheduled commission rate will still apply depends on the epoch and on the contract
   * version in force, which the staking inner object's field key tells.
   */
  private async commissionContext(asOfEpoch: number | undefined): Promise<CommissionContext> {
    const state = await this.stakingState.at(asOfEpoch);
    return {
      epoch: state?.epoch ?? 0,
      rule: commissionRuleOf(state?.interfaceVersion ?? null),
      clock: state === undefined ? undefined : commissionClock(state),
    };
  }

  /** A past epoch to answer as of, checked against what is indexed; undefined for now. */
  private async asOfEpoch(asOf: AsOf | null | undefined): Promise<number | undefined> {
    if (asOf === undefined || asOf === null) {
      return undefined;
    }
    const epoch = requireEpoch(asOf.epoch);
    const current = (await this.stakingState.latest())?.epoch;
    if (epoch === undefined || current === undefined || epoch > current) {
      throw new ApplicationException(
        ApplicationErrorCode.BAD_AS_OF,
        `asOf.epoch ${asOf.epoch} is not an indexed epoch (the current one is ${String(current)})`,
      );
    }
    return epoch;
  }

  async get(nodeId: string, asOf?: AsOf | null): Promise<OperatorView | undefined> {
    const id = normaliseNodeId(nodeId);
    const asOfEpoch = await this.asOfEpoch(asOf);
    const { rows } = await OperatorRepository.find(readManager(this.dataSource), {
      where: { kind: 'in', column: 'node_id', values: [id] },
      orderBy: [],
      limit: 1,
      asOfEpoch,
    });
    return rows[0] === undefined ? undefined : toOperator(rows[0], await this.commissionContext(asOfEpoch));
  }
}

/** A node ID as the API takes it, normalised; anything else is refused as bad input. */
export function normaliseNodeId(text: string): string {
  try {
    return parseNodeId(text);
  } catch (error) {
    throw new ApplicationException(
      ApplicationErrorCode.BAD_ADDRESS,
      error instanceof DomainError ? error.message : `not a node ID: ${text}`,
    );
  }
}

function toCondition(where: OperatorFilter): OperatorCondition {
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

/** The epoch an operator is shown in, and the commission rule of the contracts in force then. */
interface CommissionContext {
  readonly epoch: number;
  readonly rule: CommissionRule;
  /** The staking object's clock, to say until when a delegator can still avoid a rate. */
  readonly clock: CommissionClock | undefined;
}

function toOperator(row: OperatorRecord, context: CommissionContext): OperatorView {
  const statuses = scheduledCommissionStatuses(row.pendingCommissionRate, context.epoch, context.rule);
  return {
    nodeId: row.nodeId,
    name: row.name,
    networkAddress: row.networkAddress,
    state: row.state,
    stake: row.stake,
    shards: row.shards,
    inCommittee: row.inCommittee,
    commissionRate: row.commissionRate,
    pendingCommissionRates: row.pendingCommissionRate.map((entry, index) => {
      const avoidance =
        context.clock === undefined ? undefined : commissionAvoidance(entry.epoch, context.clock);
      return {
        effectiveEpoch: entry.epoch,
        rate: Number(entry.value),
        status: PendingCommissionStatus[statuses[index] ?? 'PENDING'],
        avoidByRequestInEpoch: entry.epoch - 1,
        avoidRequestBefore:
          avoidance?.requestBeforeMs === null || avoidance === undefined
            ? null
            : new Date(avoidance.requestBeforeMs),
        tooLateToAvoid: avoidance?.tooLate ?? true,
      };
    }),
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

interface ComputedKeys {
  readonly apy: (number | null)[] | undefined;
  readonly score: (number | null)[] | undefined;
}

/** For a list ordered in SQL: none of its keys is computed. */
const NO_COMPUTED_KEYS: ComputedKeys = { apy: undefined, score: undefined };

/** A key of a list ordered in SQL, as bound to the keyset query (stake as a decimal string). */
function sqlValue(key: OrderKey): string | number {
  if (key === null) {
    throw new Error('a list ordered in SQL has no operator without a value');
  }
  return typeof key === 'bigint' ? key.toString() : key;
}

function sqlDirection(order: OperatorOrdering): 'ASC' | 'DESC' {
  return order.direction === OrderDirection.asc ? 'ASC' : 'DESC';
}

/** The value an operator is ordered on; null sorts last. */
function sortKey(
  operator: OperatorView,
  field: OperatorOrderField,
  keys: ComputedKeys,
  index: number,
): OrderKey {
  switch (field) {
    case OperatorOrderField.stake:
      return operator.stake;
    case OperatorOrderField.shards:
      return operator.shards;
    case OperatorOrderField.commissionRate:
      return operator.commissionRate;
    case OperatorOrderField.name:
      return operator.name;
    case OperatorOrderField.apy:
      return keys.apy?.[index] ?? null;
    case OperatorOrderField.score:
      return keys.score?.[index] ?? null;
  }
}

/** The APY an order uses: the longest window of at most 10 epochs, else none. */
function orderingApy(windows: readonly ApyWindowView[]): number | null {
  const candidates = windows
    .filter((window) => window.epochs !== null && window.epochs <= 10 && window.apy !== null)
    .sort((a, b) => (b.epochs ?? 0) - (a.epochs ?? 0));
  return candidates[0]?.apy ?? null;
}

/** The page of `first` operators from `start` in an ordered list, each with the cursor of its position. */
function page(
  orders: readonly OperatorOrdering[],
  operators: readonly OperatorView[],
  positions: readonly OperatorPosition[],
  start: number,
  first: number,
  totalCount: number,
): OperatorConnectionView {
  const edges = operators.slice(start, start + first).map((node, i) => ({
    cursor: encodeOperatorCursor(orders, positions[start + i] as OperatorPosition),
    node,
  }));
  return {
    edges,
    pageInfo: { hasNextPage: operators.length > start + first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
