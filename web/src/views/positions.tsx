import { useLocation } from 'preact-iso';
import { useQuery } from '@urql/preact';
import type { DelegatorQuery as DelegatorResult } from '../gql/graphql';
import { DelegatorQuery } from '../queries';
import { formField } from '../components/forms';
import { ErrorMessage, Loading } from '../components/errors';
import { Id, Wal } from '../components/values';

type Position = DelegatorResult['delegator']['positions'][number];

export function PositionsPage({ address }: { address?: string }) {
  const { route } = useLocation();
  return (
    <>
      <section class="panel" aria-labelledby="positions-heading">
        <h1 id="positions-heading">Positions by address</h1>
        <form
          class="filters"
          onSubmit={(event) => {
            event.preventDefault();
            const value = formField(new FormData(event.currentTarget), 'address').trim();
            route(`/positions/${encodeURIComponent(value)}`);
          }}
        >
          <label>
            Sui address{' '}
            <input
              name="address"
              value={address ?? ''}
              placeholder="0x…"
              required
              size={70}
              spellcheck={false}
            />
          </label>
          <button type="submit">Show positions</button>
        </form>
      </section>
      {address === undefined || address === '' ? null : <Positions address={address} />}
    </>
  );
}

function Positions({ address }: { address: string }) {
  const [{ data, error }] = useQuery({ query: DelegatorQuery, variables: { address } });
  if (error !== undefined) {
    return <ErrorMessage error={error} title="These positions could not be read" />;
  }
  if (data === undefined) {
    return <Loading what="the positions" />;
  }
  const delegator = data.delegator;
  if (delegator.positions.length === 0) {
    return (
      <section class="panel" data-testid="positions">
        <p>
          <Id id={delegator.address} /> holds no live StakedWal.
        </p>
      </section>
    );
  }
  return (
    <section class="panel" aria-labelledby="positions-total" data-testid="positions">
      <h2 id="positions-total">
        {delegator.positions.length} positions · <Wal frost={delegator.totalPrincipal} /> staked ·{' '}
        <Wal frost={delegator.totalRewards} /> earned
      </h2>
      <p class="muted">As of epoch {delegator.epoch}.</p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">StakedWal</th>
              <th scope="col">Node</th>
              <th scope="col" class="num">
                Principal
              </th>
              <th scope="col" class="num">
                Rewards
              </th>
              <th scope="col">State</th>
              <th scope="col">What you can do now</th>
            </tr>
          </thead>
          <tbody>
            {delegator.positions.map((position) => (
              <tr>
                <th scope="row">
                  <Id id={position.objectId} />
                </th>
                <td>
                  <a href={`/operators/${position.nodeId}`}>{position.nodeName ?? position.nodeId}</a>
                </td>
                <td class="num">
                  <Wal frost={position.principal} />
                </td>
                <td class="num">
                  <Wal frost={position.rewards} />
                </td>
                <td>
                  {position.state}
                  {position.active ? '' : ` (activates in epoch ${position.activationEpoch})`}
                </td>
                <td>{nextStep(position, delegator.epoch)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The contract's withdrawal rules for one StakedWal, said as the step to take. */
function nextStep(position: Position, epoch: number): string {
  const { withdrawal } = position;
  const rewards = withdrawal.paysRewards ? 'with its rewards' : 'without rewards';
  switch (withdrawal.callNow) {
    case 'WITHDRAW_STAKE':
      return position.canWithdrawEarly
        ? `Withdraw now (withdraw_stake): not yet counted by a committee, paid out ${rewards}.`
        : `Withdraw now (withdraw_stake), ${rewards}.`;
    case 'REQUEST_WITHDRAW_STAKE':
      return `Request a withdrawal (request_withdraw_stake); withdraw_stake then works from epoch ${withdrawal.withdrawStakeFromEpoch}${
        withdrawal.afterRequest ? ' if requested now' : ''
      }, ${rewards}.`;
    case null:
      return `Withdrawal requested: withdraw_stake works from epoch ${withdrawal.withdrawStakeFromEpoch} (now ${epoch}), ${rewards}.`;
  }
}
