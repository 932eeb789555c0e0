import { useEffect, useMemo } from 'preact/hooks';
import { useQuery } from '@urql/preact';
import type { OperatorQuery as OperatorResult } from '../gql/graphql';
import { OperatorQuery } from '../queries';
import { FROST_PER_WAL, formatBps, formatDuration, formatPercent } from '../format';
import { EpochChart, preloadCharts, type Series } from '../components/chart';
import { ErrorMessage, Loading, NotFound, errorCode } from '../components/errors';
import { Id, Time, Wal } from '../components/values';
import { Badges } from './operators';

type Operator = OperatorResult['operator'];

export function OperatorPage({ id }: { id: string }) {
  useEffect(preloadCharts, []);
  const [{ data, error }] = useQuery({ query: OperatorQuery, variables: { id } });
  if (errorCode(error) === 'NOT_FOUND' || errorCode(error) === 'BAD_USER_INPUT') {
    return <NotFound what={`No storage node ${id} is known to this Tusk.`} />;
  }
  if (error !== undefined) {
    return <ErrorMessage error={error} title="The operator could not be read" />;
  }
  if (data === undefined) {
    return <Loading what="the operator" />;
  }
  const operator = data.operator;
  return (
    <>
      <section class="panel" aria-labelledby="operator-heading">
        <h1 id="operator-heading">{operator.name}</h1>
        <p>
          <Id id={operator.nodeId} /> · {operator.networkAddress} · {operator.state} ·{' '}
          <Badges operator={operator} />
        </p>
        {operator.identity?.metadata?.description ? <p>{operator.identity.metadata.description}</p> : null}
        <dl class="facts">
          <Fact term="Stake">
            <Wal frost={operator.stake} />
          </Fact>
          <Fact term="Operator’s own stake">
            <Wal frost={operator.selfStake} />
          </Fact>
          <Fact term="Shards">{operator.shards}</Fact>
          <Fact term="Commission">{formatBps(operator.commissionRate)}</Fact>
          <Fact term="Delegators">{operator.delegatorCount}</Fact>
          <Fact term="Active-set rank">{operator.activeSetRank ?? 'outside the active set'}</Fact>
          {distinctWindows(operator.apy).map((window) => (
            <Fact term={`APY, epochs ${window.fromEpoch}–${window.toEpoch}`}>
              {formatPercent(window.apy)}
            </Fact>
          ))}
          {operator.outlook ? (
            <Fact term="Next committee (predicted)">
              {operator.outlook.shards} shards
              {operator.outlook.saturated ? ` (at the cap of ${operator.outlook.shardCap})` : ''}
            </Fact>
          ) : null}
        </dl>
        <p>
          <a class="button" href={`/simulate?node=${operator.nodeId}`}>
            Simulate staking on {operator.name}
          </a>
        </p>
      </section>
      <PendingCommission operator={operator} />
      <Charts operator={operator} />
      <Score operator={operator} />
      <Handoffs operator={operator} />
      <Incidents operator={operator} />
      <Rewards operator={operator} />
    </>
  );
}

/** Early in a pool's life its APY windows cover the same epochs: each is shown once. */
function distinctWindows<Window extends { fromEpoch: number; toEpoch: number }>(
  windows: readonly Window[],
): Window[] {
  return windows.filter(
    (window, index) =>
      windows.findIndex(
        (other) => other.fromEpoch === window.fromEpoch && other.toEpoch === window.toEpoch,
      ) === index,
  );
}

function Fact({ term, children }: { term: string; children: preact.ComponentChildren }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function PendingCommission({ operator }: { operator: Operator }) {
  const upcoming = operator.pendingCommissionRates.filter(
    (entry) => entry.status === 'PENDING' || entry.status === 'DUE_AT_NEXT_ADVANCE',
  );
  if (upcoming.length === 0) {
    return null;
  }
  return (
    <section class="panel" aria-labelledby="commission-heading" data-testid="pending-commission">
      <h2 id="commission-heading">Scheduled commission changes</h2>
      <ul>
        {upcoming.map((entry) => (
          <li>
            {formatBps(operator.commissionRate)} → <strong>{formatBps(entry.rate)}</strong> from epoch{' '}
            {entry.effectiveEpoch}.{' '}
            {entry.rate <= operator.commissionRate ? null : entry.tooLateToAvoid ? (
              'Too late to withdraw before it applies.'
            ) : entry.avoidRequestBefore ? (
              <>
                To avoid it, request a withdrawal before <Time iso={entry.avoidRequestBefore} /> (the voting
                end of epoch {entry.avoidByRequestInEpoch}).
              </>
            ) : (
              `To avoid it, request a withdrawal in epoch ${entry.avoidByRequestInEpoch}, before its voting end.`
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

const wal = (value: number) => value.toLocaleString(undefined, { maximumFractionDigits: 0 });
const compact = (value: number) =>
  value.toLocaleString(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** Annualised growth of the pool's exchange rate from one recorded epoch to the next. */
function apyByEpoch(operator: Operator): Map<number, number> {
  const perYear = operator.apy[0]?.epochsPerYear ?? 0;
  const rates = [...operator.exchangeRates].sort((a, b) => a.epoch - b.epoch);
  const apy = new Map<number, number>();
  for (let index = 1; index < rates.length; index++) {
    const previous = rates[index - 1];
    const current = rates[index];
    if (previous === undefined || current === undefined) continue;
    const numerator = BigInt(current.walAmount) * BigInt(previous.shareAmount);
    const denominator = BigInt(current.shareAmount) * BigInt(previous.walAmount);
    if (denominator === 0n || numerator === 0n) continue;
    // Twelve digits of the ratio are plenty for a chart; the amounts themselves stay exact.
    const growth = Number((numerator * 10n ** 12n) / denominator) / 1e12;
    const perEpoch = growth ** (1 / (current.epoch - previous.epoch));
    apy.set(current.epoch, perEpoch ** perYear - 1);
  }
  return apy;
}

function Charts({ operator }: { operator: Operator }) {
  const charts = useMemo(() => {
    const epochs = operator.history.map((row) => row.epoch);
    const apy = apyByEpoch(operator);
    const series = (
      label: string,
      values: (number | null)[],
      format: (value: number) => string,
      axis?: (value: number) => string,
    ): Series => ({ label, values, format, axis });
    return {
      epochs,
      stake: series(
        'stake (WAL)',
        operator.history.map((row) => Number(BigInt(row.stake) / FROST_PER_WAL)),
        wal,
        compact,
      ),
      shards: series(
        'shards',
        operator.history.map((row) => row.shards),
        (value) => String(Math.round(value)),
      ),
      commission: series(
        'commission',
        operator.history.map((row) => row.commissionRate),
        (value) => formatBps(value),
      ),
      apy: series(
        'APY',
        operator.history.map((row) => apy.get(row.epoch) ?? null),
        (value) => formatPercent(value, 1),
        (value) => formatPercent(value, 0),
      ),
    };
  }, [operator]);
  if (charts.epochs.length === 0) {
    return null;
  }
  return (
    <section class="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">Over the epochs</h2>
      <div class="charts">
        <EpochChart title="Stake" epochs={charts.epochs} series={charts.stake} />
        <EpochChart title="Shards" epochs={charts.epochs} series={charts.shards} />
        <EpochChart title="APY" epochs={charts.epochs} series={charts.apy} />
        <EpochChart title="Commission" epochs={charts.epochs} series={charts.commission} />
      </div>
    </section>
  );
}

function Score({ operator }: { operator: Operator }) {
  const score = operator.score;
  return (
    <section class="panel" aria-labelledby="score-heading">
      <h2 id="score-heading">Performance score {score.score === null ? '—' : score.score.toFixed(2)}</h2>
      <p class="muted">
        Epochs {score.fromEpoch}–{score.toEpoch}
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Component</th>
            <th scope="col" class="num">
              Value
            </th>
            <th scope="col" class="num">
              Weight
            </th>
            <th scope="col">From</th>
          </tr>
        </thead>
        <tbody>
          {score.components.map((component) => (
            <tr>
              <th scope="row">{component.name}</th>
              <td class="num">{component.value.toFixed(3)}</td>
              <td class="num">{component.weight}</td>
              <td>{component.inputs}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Handoffs({ operator }: { operator: Operator }) {
  return (
    <section class="panel" aria-labelledby="handoffs-heading">
      <h2 id="handoffs-heading">Handoffs</h2>
      {operator.handoffs.length === 0 ? (
        <p class="muted">No handoff recorded yet.</p>
      ) : (
        <table data-testid="handoffs">
          <thead>
            <tr>
              <th scope="col">Epoch</th>
              <th scope="col">Role</th>
              <th scope="col" class="num">
                Gained / lost
              </th>
              <th scope="col">Attested</th>
              <th scope="col" class="num">
                Time to attest
              </th>
              <th scope="col" class="num">
                s/GB
              </th>
            </tr>
          </thead>
          <tbody>
            {[...operator.handoffs].reverse().map((handoff) => (
              <tr>
                <th scope="row">{handoff.epoch}</th>
                <td>{handoff.membership}</td>
                <td class="num">
                  +{handoff.gained} / −{handoff.lost}
                </td>
                <td>
                  <Time iso={handoff.attestedAt} />
                  {handoff.attestedLate === true ? <span class="badge warn">late</span> : null}
                </td>
                <td class="num">
                  {handoff.syncSeconds === null ? '—' : formatDuration(handoff.syncSeconds)}
                </td>
                <td class="num">{handoff.secondsPerGb === null ? '—' : handoff.secondsPerGb.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Incidents({ operator }: { operator: Operator }) {
  const { uptime, incidents } = operator.availability;
  return (
    <section class="panel" aria-labelledby="incidents-heading">
      <h2 id="incidents-heading">Availability</h2>
      <p>
        {uptime.map((window) => (
          <span class="pill">
            uptime {window.window}: {formatPercent(window.uptime)} ({window.incidents} incidents)
          </span>
        ))}
      </p>
      {incidents.length === 0 ? (
        <p class="muted">No incident recorded.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col" class="num">
                Epoch
              </th>
              <th scope="col" class="num">
                Lasted
              </th>
              <th scope="col" class="num">
                Shards
              </th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((incident) => (
              <tr>
                <th scope="row">
                  <Time iso={incident.startedAt} />
                </th>
                <td class="num">{incident.epoch}</td>
                <td class="num">
                  {formatDuration(incident.durationSeconds)}
                  {incident.endedAt === null ? ' (ongoing)' : ''}
                </td>
                <td class="num">{incident.shardsAffected}</td>
                <td>{incident.reasons.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Rewards({ operator }: { operator: Operator }) {
  if (operator.rewardHistory.length === 0) {
    return null;
  }
  return (
    <section class="panel" aria-labelledby="rewards-heading">
      <h2 id="rewards-heading">Rewards per epoch</h2>
      <table data-testid="rewards">
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col" class="num">
              Shards
            </th>
            <th scope="col" class="num">
              Reward
            </th>
            <th scope="col" class="num">
              Commission
            </th>
            <th scope="col" class="num">
              To delegators
            </th>
          </tr>
        </thead>
        <tbody>
          {[...operator.rewardHistory].reverse().map((row) => (
            <tr>
              <th scope="row">{row.epoch}</th>
              <td class="num">{row.shards}</td>
              <td class="num">
                <Wal frost={row.reward} />
              </td>
              <td class="num">
                <Wal frost={row.commission} />
              </td>
              <td class="num">
                <Wal frost={row.delegatorReward} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
