import { useLocation } from 'preact-iso';
import { useQuery } from '@urql/preact';
import type { OperatorOrderField, OperatorWhere, OperatorsQuery as OperatorsResult } from '../gql/graphql';
import { OperatorsQuery } from '../queries';
import { formatBps, formatPercent } from '../format';
import { formField } from '../components/forms';
import { ErrorMessage, Loading } from '../components/errors';
import { Wal } from '../components/values';

const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
/** Stake within this share above the committee-exit line is flagged as at risk. */
const EXIT_RISK_MARGIN = 0.1;

const COLUMNS: { field: OperatorOrderField | null; label: string; numeric?: boolean }[] = [
  { field: 'name', label: 'Operator' },
  { field: 'stake', label: 'Stake', numeric: true },
  { field: 'shards', label: 'Shards', numeric: true },
  { field: 'commissionRate', label: 'Commission', numeric: true },
  { field: 'apy', label: 'APY', numeric: true },
  { field: 'score', label: 'Score', numeric: true },
  { field: null, label: 'Status' },
  { field: null, label: 'Delegators', numeric: true },
];

type Direction = 'asc' | 'desc';
type Operator = OperatorsResult['operators']['edges'][number]['node'];

/** The table's view, all of it in the URL so a link shares it. */
interface TableView {
  field: OperatorOrderField;
  direction: Direction;
  name: string;
  committee: 'any' | 'yes' | 'no';
  maxCommission: string;
  after: string | undefined;
  pageSize: number;
}

function readView(query: Record<string, string>): TableView {
  const [field, direction] = (query['sort'] ?? 'stake.desc').split('.');
  const known = COLUMNS.some((column) => column.field === field);
  return {
    field: known ? (field as OperatorOrderField) : 'stake',
    direction: direction === 'asc' ? 'asc' : 'desc',
    name: query['q'] ?? '',
    committee: query['committee'] === 'yes' || query['committee'] === 'no' ? query['committee'] : 'any',
    maxCommission: query['maxCommission'] ?? '',
    after: query['after'],
    pageSize: pageSizeOf(query['size']),
  };
}

function pageSizeOf(text: string | undefined): number {
  const size = Number(text);
  return Number.isInteger(size) && size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

function viewUrl(view: TableView): string {
  const params = new URLSearchParams();
  params.set('sort', `${view.field}.${view.direction}`);
  if (view.name !== '') params.set('q', view.name);
  if (view.committee !== 'any') params.set('committee', view.committee);
  if (view.maxCommission !== '') params.set('maxCommission', view.maxCommission);
  if (view.pageSize !== DEFAULT_PAGE_SIZE) params.set('size', String(view.pageSize));
  if (view.after !== undefined) params.set('after', view.after);
  return `/?${params.toString()}`;
}

function filterOf(view: TableView): OperatorWhere | undefined {
  const where: OperatorWhere = {};
  if (view.name.trim() !== '') where.name_contains = view.name.trim();
  if (view.committee !== 'any') where.inCommittee = view.committee === 'yes';
  const percent = Number(view.maxCommission);
  if (view.maxCommission !== '' && Number.isFinite(percent) && percent >= 0) {
    where.commissionRate_lte = Math.round(percent * 100);
  }
  return Object.keys(where).length === 0 ? undefined : where;
}

export function OperatorsTable() {
  const { query, route } = useLocation();
  const view = readView(query);
  const [{ data, error, fetching }] = useQuery({
    query: OperatorsQuery,
    variables: {
      first: view.pageSize,
      after: view.after,
      orderBy: [{ field: view.field, direction: view.direction }],
      where: filterOf(view),
    },
  });
  const go = (change: Partial<TableView>) => {
    route(viewUrl({ ...view, after: undefined, ...change }));
  };
  const sortBy = (field: OperatorOrderField) => {
    go({ field, direction: view.field === field && view.direction === 'desc' ? 'asc' : 'desc' });
  };

  return (
    <section class="panel" aria-labelledby="operators-heading">
      <h2 id="operators-heading">Operators</h2>
      <form
        class="filters"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          go({
            name: formField(form, 'q'),
            committee: formField(form, 'committee', 'any') as TableView['committee'],
            maxCommission: formField(form, 'maxCommission'),
          });
        }}
      >
        <label>
          Name contains <input name="q" type="search" value={view.name} />
        </label>
        <label>
          In committee{' '}
          <select name="committee" value={view.committee}>
            <option value="any">any</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </select>
        </label>
        <label>
          Commission at most (%){' '}
          <input
            name="maxCommission"
            type="number"
            min="0"
            max="100"
            step="0.01"
            value={view.maxCommission}
          />
        </label>
        <button type="submit">Filter</button>
      </form>
      {error !== undefined ? <ErrorMessage error={error} title="Operators could not be listed" /> : null}
      {data === undefined ? (
        error === undefined ? (
          <Loading what="operators" />
        ) : null
      ) : (
        <>
          <p class="muted" data-testid="operator-count">
            {data.operators.totalCount} operators{fetching ? ' (updating…)' : ''}
          </p>
          <div class="scroll">
            <table class="operators" data-testid="operators" aria-busy={fetching}>
              <thead>
                <tr>
                  {COLUMNS.map((column) => (
                    <th
                      scope="col"
                      class={column.numeric === true ? 'num' : undefined}
                      aria-sort={
                        column.field !== null && column.field === view.field
                          ? view.direction === 'asc'
                            ? 'ascending'
                            : 'descending'
                          : undefined
                      }
                    >
                      {column.field === null ? (
                        column.label
                      ) : (
                        <button
                          type="button"
                          class="sort"
                          onClick={() => {
                            sortBy(column.field as OperatorOrderField);
                          }}
                        >
                          {column.label}
                          {column.field === view.field ? (view.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                        </button>
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.operators.edges.map(({ node }) => (
                  <OperatorRow operator={node} />
                ))}
              </tbody>
            </table>
          </div>
          <nav class="pager" aria-label="Pages">
            {view.after === undefined ? null : (
              <button
                type="button"
                onClick={() => {
                  go({});
                }}
              >
                First page
              </button>
            )}
            {data.operators.pageInfo.hasNextPage && data.operators.pageInfo.endCursor ? (
              <button
                type="button"
                onClick={() => {
                  go({ after: data.operators.pageInfo.endCursor ?? undefined });
                }}
              >
                Next page
              </button>
            ) : null}
          </nav>
        </>
      )}
    </section>
  );
}

function OperatorRow({ operator }: { operator: Operator }) {
  const upcoming = operator.pendingCommissionRates.find(
    (entry) =>
      (entry.status === 'PENDING' || entry.status === 'DUE_AT_NEXT_ADVANCE') &&
      entry.rate !== operator.commissionRate,
  );
  const apy = operator.apy[0]?.apy;
  return (
    <tr data-node={operator.nodeId}>
      <th scope="row">
        <a href={`/operators/${operator.nodeId}`}>{operator.name}</a>
      </th>
      <td class="num">
        <Wal frost={operator.stake} />
      </td>
      <td class="num">{operator.shards}</td>
      <td class="num">
        {formatBps(operator.commissionRate)}
        {upcoming === undefined ? null : (
          <span class={upcoming.rate > operator.commissionRate ? 'change up' : 'change down'}>
            {' '}
            → {formatBps(upcoming.rate)} from epoch {upcoming.effectiveEpoch}
          </span>
        )}
      </td>
      <td class="num">{formatPercent(apy)}</td>
      <td class="num">{operator.score.score === null ? '—' : operator.score.score.toFixed(2)}</td>
      <td>
        <Badges operator={operator} />
      </td>
      <td class="num">{operator.delegatorCount}</td>
    </tr>
  );
}

export function exitRisk(
  inCommittee: boolean,
  stake: string,
  outlook: { shards: number; smallestStakeWithShards?: string | null } | null,
): 'exit' | 'risk' | undefined {
  if (outlook === null) return undefined;
  if (outlook.shards === 0) return inCommittee ? 'exit' : undefined;
  const line = outlook.smallestStakeWithShards ?? null;
  if (line === null) return undefined;
  const margin = BigInt(Math.round(EXIT_RISK_MARGIN * 1000));
  return BigInt(stake) * 1000n <= BigInt(line) * (1000n + margin) ? 'risk' : undefined;
}

export function Badges({ operator }: { operator: Pick<Operator, 'inCommittee' | 'stake' | 'outlook'> }) {
  const risk = exitRisk(operator.inCommittee, operator.stake, operator.outlook);
  return (
    <span class="badges">
      {operator.inCommittee ? <span class="badge committee">in committee</span> : null}
      {risk === 'exit' ? <span class="badge danger">leaves next committee</span> : null}
      {risk === 'risk' ? (
        <span
          class="badge warn"
          title="Its stake is within 10% of the smallest stake that still earns shards"
        >
          at risk of exit
        </span>
      ) : null}
      {operator.outlook?.saturated === true ? <span class="badge warn">saturated</span> : null}
    </span>
  );
}
