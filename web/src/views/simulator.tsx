import { useLocation } from 'preact-iso';
import { useQuery } from '@urql/preact';
import type { SimulationQuery as SimulationResult } from '../gql/graphql';
import { OperatorNamesQuery, SimulationQuery } from '../queries';
import { AmountError, FROST_PER_WAL, formatBps, formatPercent, parseWal } from '../format';
import { formField } from '../components/forms';
import { ErrorMessage, Loading } from '../components/errors';
import { Time, Wal } from '../components/values';

/** "If I stake X WAL on node Y": the form's answer, with the URL holding the question. */
export function SimulatorPage() {
  const { query, route } = useLocation();
  const nodeId = query['node'] ?? '';
  const amountText = query['amount'] ?? '';
  let amount: bigint | undefined;
  let amountError: string | undefined;
  if (amountText !== '') {
    try {
      amount = parseWal(amountText);
    } catch (error) {
      amountError = error instanceof AmountError ? error.message : 'Enter an amount of WAL.';
    }
  }
  const [{ data: names }] = useQuery({ query: OperatorNamesQuery });
  return (
    <>
      <section class="panel" aria-labelledby="simulator-heading">
        <h1 id="simulator-heading">Stake simulator</h1>
        <p>
          What staking on a node would do: when the stake activates, the node’s shards, and the reward per
          WAL.
        </p>
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const params = new URLSearchParams({
              node: formField(form, 'node'),
              amount: formField(form, 'amount'),
            });
            route(`/simulate?${params.toString()}`);
          }}
        >
          <label>
            Node{' '}
            <select name="node" value={nodeId} required>
              <option value="">choose an operator</option>
              {names?.operators.edges.map(({ node }) => (
                <option value={node.nodeId}>{node.name}</option>
              ))}
            </select>
          </label>
          <label>
            Amount (WAL){' '}
            <input
              name="amount"
              inputMode="decimal"
              value={amountText}
              required
              aria-invalid={amountError !== undefined}
            />
          </label>
          <button type="submit">Simulate</button>
        </form>
        {amountError === undefined ? null : (
          <div class="error" role="alert">
            {amountError}
          </div>
        )}
      </section>
      {nodeId !== '' && amount !== undefined ? <Simulation nodeId={nodeId} amount={amount} /> : null}
    </>
  );
}

function Simulation({ nodeId, amount }: { nodeId: string; amount: bigint }) {
  const [{ data, error }] = useQuery({
    query: SimulationQuery,
    variables: { id: nodeId, amount: amount.toString() },
  });
  if (error !== undefined) {
    return <ErrorMessage error={error} title="The simulation could not run" />;
  }
  if (data === undefined) {
    return <Loading what="the simulation" />;
  }
  const { simulateStake: result, operator, network } = data;
  const warnings = warningsOf(data);
  const perWalNow = rewardPerWal(operator);
  const perWalAfter =
    perWalNow === undefined || result.yieldPerWalRatio === null
      ? undefined
      : BigInt(Math.floor(Number(perWalNow) * result.yieldPerWalRatio));
  return (
    <section class="panel" aria-labelledby="simulation-heading" data-testid="simulation">
      <h2 id="simulation-heading">
        Staking <Wal frost={amount.toString()} /> on {operator.name}
      </h2>
      <dl class="facts">
        <div>
          <dt>Counts from epoch</dt>
          <dd data-testid="activation-epoch">
            {result.activationEpoch} (now {network.epoch})
          </dd>
        </div>
        <div>
          <dt>Node’s shards in the next committee</dt>
          <dd data-testid="shards-change">
            {result.before.shards} → {result.after.shards}
          </dd>
        </div>
        <div>
          <dt>Reward per WAL, after relative to before</dt>
          <dd>{formatPercent(result.yieldPerWalRatio)}</dd>
        </div>
        <div>
          <dt>Projected reward per staked WAL, next epoch</dt>
          <dd>{perWalNow === undefined ? '—' : <Wal frost={(perWalAfter ?? perWalNow).toString()} />}</dd>
        </div>
        <div>
          <dt>Your projected reward per epoch</dt>
          <dd>
            {perWalAfter === undefined ? (
              '—'
            ) : (
              <Wal frost={((perWalAfter * amount) / FROST_PER_WAL).toString()} />
            )}
          </dd>
        </div>
        <div>
          <dt>Commission now</dt>
          <dd>{formatBps(operator.commissionRate)}</dd>
        </div>
      </dl>
      {warnings.length === 0 ? (
        <p class="ok" data-testid="warnings">
          No warning: no commission rise is scheduled, the node keeps shards and is not saturated.
        </p>
      ) : (
        <ul class="warnings" data-testid="warnings">
          {warnings.map((warning) => (
            <li>{warning}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** FROST a staked WAL earns in the next projected epoch, at the node's current stake. */
function rewardPerWal(operator: SimulationResult['operator']): bigint | undefined {
  const next = operator.rewardProjections[0];
  const stake = BigInt(operator.stake);
  return next === undefined || stake === 0n
    ? undefined
    : (BigInt(next.delegatorReward) * FROST_PER_WAL) / stake;
}

function warningsOf(data: SimulationResult): preact.ComponentChildren[] {
  const { simulateStake: result, operator } = data;
  const warnings: preact.ComponentChildren[] = [];
  for (const entry of operator.pendingCommissionRates) {
    if (
      (entry.status === 'PENDING' || entry.status === 'DUE_AT_NEXT_ADVANCE') &&
      entry.rate > operator.commissionRate
    ) {
      warnings.push(
        <>
          Commission rises from {formatBps(operator.commissionRate)} to {formatBps(entry.rate)} in epoch{' '}
          {entry.effectiveEpoch}
          {entry.avoidRequestBefore ? (
            <>
              ; to avoid it, request a withdrawal before <Time iso={entry.avoidRequestBefore} />
            </>
          ) : entry.tooLateToAvoid ? (
            '; it is too late to withdraw before it applies'
          ) : (
            ''
          )}
          .
        </>,
      );
    }
  }
  if (result.after.shards === 0) {
    warnings.push(
      result.after.rank === null
        ? `Even with this stake the node is outside the active set (${result.after.activeSetSize} nodes): it would hold no shards and earn nothing.`
        : 'Even with this stake the node would hold no shards in the next committee: exit risk, it would earn nothing.',
    );
  } else if (!operator.inCommittee) {
    warnings.push('The node is not in the current committee: it earns only once a committee selects it.');
  }
  if (result.after.saturated) {
    warnings.push(
      'The node is at the shard cap: more stake earns it no more shards, so every WAL on it earns less.',
    );
  }
  return warnings;
}
