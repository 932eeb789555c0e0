import type { EntityManager } from 'typeorm';

/** One storage node as delegators compare them: its pool now and its place in the committee. */
export interface OperatorRecord {
  readonly nodeId: string;
  readonly name: string;
  readonly networkAddress: string;
  readonly state: string;
  readonly stake: bigint;
  readonly shards: number;
  readonly inCommittee: boolean;
  readonly commissionRate: number;
  readonly pendingCommissionRate: { epoch: number; value: string }[];
  readonly activationEpoch: number;
  readonly storagePriceVote: bigint;
  readonly writePriceVote: bigint;
  readonly nodeCapacityVote: bigint;
  /** 1-based position in the active set by stake; null outside it. */
  readonly activeSetRank: number | null;
  readonly delegators: number;
}

export type OperatorColumn = 'stake' | 'shards' | 'commission_rate' | 'name' | 'node_id';

/** A filter condition over the operator rows; values are bound as parameters. */
export type OperatorCondition =
  | {
      readonly kind: 'compare';
      readonly column: OperatorColumn;
      readonly op: '=' | '<' | '>' | '<=' | '>=';
      readonly value: string | number;
    }
  | { readonly kind: 'in'; readonly column: OperatorColumn; readonly values: readonly string[] }
  | { readonly kind: 'contains'; readonly column: 'name' | 'node_id'; readonly value: string }
  | { readonly kind: 'flag'; readonly column: 'in_committee'; readonly value: boolean }
  | { readonly kind: 'and' | 'or'; readonly conditions: readonly OperatorCondition[] };

export interface OperatorQuery {
  /** The epoch whose end the rows describe; the current state when absent. */
  readonly asOfEpoch?: number;
  readonly where?: OperatorCondition;
  readonly orderBy: readonly { column: OperatorColumn; direction: 'ASC' | 'DESC' }[];
  /** Only the rows after this one in the order: a value per `orderBy` column, then the node ID. */
  readonly after?: readonly (string | number)[];
  readonly limit: number;
}

interface OperatorRow {
  node_id: string;
  name: string;
  network_address: string;
  state: string;
  stake: string;
  shards: number;
  in_committee: boolean;
  commission_rate: number;
  pending_commission_rate: { epoch: number; value: string }[];
  activation_epoch: number;
  storage_price_vote: string;
  write_price_vote: string;
  node_capacity_vote: string;
  active_set_rank: string | null;
  delegators: string;
  total_count: string;
}

/** Every operator's current row, computed from the latest pool state, committee and active set. */
/**
 * Every operator's row at the end of epoch `$1` (or now, when `$1` is null), from the pool state,
 * committee and active set of that epoch. Delegators of a past epoch are counted from the
 * StakedWal versions alive at its last checkpoint.
 */
const OPERATORS = `
  WITH latest AS (SELECT coalesce($1::integer, (SELECT max(epoch) FROM staking_state)) AS epoch),
  pool AS (
    SELECT DISTINCT ON (node_id) * FROM pool_state WHERE epoch <= (SELECT epoch FROM latest)
    ORDER BY node_id, epoch DESC),
  member AS (SELECT node_id, shard_count FROM committee_member WHERE epoch = (SELECT epoch FROM latest)),
  ranked AS (
    SELECT node_id, rank() OVER (ORDER BY staked_amount DESC) AS active_set_rank FROM active_set_member
    WHERE epoch = (SELECT max(epoch) FROM active_set WHERE epoch <= (SELECT epoch FROM latest))),
  cutoff AS (
    SELECT (SELECT started_checkpoint - 1 FROM epoch WHERE epoch = (SELECT epoch FROM latest) + 1) AS checkpoint),
  holders AS (
    SELECT node_id, count(DISTINCT owner) AS delegators FROM (
      SELECT DISTINCT ON (object_id) node_id, owner, operation FROM staked_wal_version
      WHERE checkpoint <= (SELECT checkpoint FROM cutoff) ORDER BY object_id, version DESC) AS alive
    WHERE operation <> 'deleted' GROUP BY node_id
    UNION ALL
    SELECT node_id, count(DISTINCT owner) FROM staked_wal
    WHERE deleted_checkpoint IS NULL AND (SELECT checkpoint FROM cutoff) IS NULL GROUP BY node_id)
  SELECT n.node_id, n.name, n.network_address, p.state, p.wal_balance AS stake,
         coalesce(m.shard_count, 0) AS shards, m.node_id IS NOT NULL AS in_committee,
         p.commission_rate, p.pending_commission_rate, p.activation_epoch,
         p.storage_price_vote, p.write_price_vote, p.node_capacity_vote,
         r.active_set_rank, coalesce(h.delegators, 0) AS delegators
  FROM storage_node n
  JOIN pool p USING (node_id)
  LEFT JOIN member m USING (node_id)
  LEFT JOIN ranked r USING (node_id)
  LEFT JOIN holders h USING (node_id)`;

/** Read model of operators: filter, sort and page in SQL, over one consistent snapshot. */
export const OperatorRepository = {
  async find(
    manager: EntityManager,
    query: OperatorQuery,
  ): Promise<{ rows: OperatorRecord[]; totalCount: number }> {
    const parameters: unknown[] = [query.asOfEpoch ?? null];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const where = query.where === undefined ? 'TRUE' : condition(query.where, parameters);
    const filterParameters = parameters.length;
    const orders = [...query.orderBy, { column: 'node_id' as const, direction: 'ASC' as const }];
    const after = query.after === undefined ? 'TRUE' : keyset(orders, query.after, bind);
    // The total counts every match, the rows only those past the cursor.
    const rows = await manager.query<OperatorRow[]>(
      `SELECT * FROM (
         SELECT *, count(*) OVER () AS total_count FROM (${OPERATORS}) AS operator WHERE ${where}) AS matched
       WHERE ${after}
       ORDER BY ${orders.map((order) => `${order.column} ${order.direction}`).join(', ')}
       LIMIT ${bind(query.limit)}`,
      parameters,
    );
    let totalCount = Number(rows[0]?.total_count ?? 0);
    if (rows.length === 0 && query.after !== undefined) {
      const [count] = await manager.query<{ count: string }[]>(
        `SELECT count(*) FROM (${OPERATORS}) AS operator WHERE ${where}`,
        parameters.slice(0, filterParameters),
      );
      totalCount = Number(count?.count ?? 0);
    }
    return { rows: rows.map(toRecord), totalCount };
  },
};

function condition(node: OperatorCondition, parameters: unknown[]): string {
  const bind = (value: unknown) => {
    parameters.push(value);
    return `$${parameters.length}`;
  };
  switch (node.kind) {
    case 'compare':
      return `${node.column} ${node.op} ${bind(node.value)}${node.column === 'stake' ? '::numeric' : ''}`;
    case 'in':
      return `${node.column}::text = ANY(${bind(node.values)}::text[])`;
    case 'contains':
      return `${node.column} ILIKE '%' || ${bind(escapeLike(node.value))} || '%'`;
    case 'flag':
      return `${node.column} = ${bind(node.value)}`;
    case 'and':
    case 'or':
      return node.conditions.length === 0
        ? 'TRUE'
        : `(${node.conditions.map((child) => condition(child, parameters)).join(node.kind === 'and' ? ' AND ' : ' OR ')})`;
  }
}

/**
 * Rows strictly after `values` in the order: ahead on the first column, or level on it and ahead
 * on the next, and so on. No column of the order is nullable, and node ID breaks every tie.
 */
function keyset(
  orders: readonly { column: OperatorColumn; direction: 'ASC' | 'DESC' }[],
  values: readonly (string | number)[],
  bind: (value: unknown) => string,
): string {
  if (values.length !== orders.length) {
    throw new Error(`a keyset needs ${orders.length} values, got ${values.length}`);
  }
  const placeholders = orders.map(
    (order, index) => `${bind(values[index])}${order.column === 'stake' ? '::numeric' : ''}`,
  );
  const value = (index: number) => placeholders[index] as string;
  const ahead = orders.map((order, index) => {
    const level = orders.slice(0, index).map((earlier, j) => `${earlier.column} = ${value(j)}`);
    return [...level, `${order.column} ${order.direction === 'ASC' ? '>' : '<'} ${value(index)}`].join(
      ' AND ',
    );
  });
  return `(${ahead.map((term) => `(${term})`).join(' OR ')})`;
}

/** Escapes LIKE wildcards, so that `_contains` matches the text as typed. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function toRecord(row: OperatorRow): OperatorRecord {
  return {
    nodeId: row.node_id,
    name: row.name,
    networkAddress: row.network_address,
    state: row.state,
    stake: BigInt(row.stake),
    shards: row.shards,
    inCommittee: row.in_committee,
    commissionRate: row.commission_rate,
    pendingCommissionRate: row.pending_commission_rate,
    activationEpoch: row.activation_epoch,
    storagePriceVote: BigInt(row.storage_price_vote),
    writePriceVote: BigInt(row.write_price_vote),
    nodeCapacityVote: BigInt(row.node_capacity_vote),
    activeSetRank: row.active_set_rank === null ? null : Number(row.active_set_rank),
    delegators: Number(row.delegators),
  };
}
