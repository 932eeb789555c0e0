import { useEffect, useState } from 'preact/hooks';
import { useQuery, useSubscription } from '@urql/preact';
import type { AvailabilityVerdictFragment, NetworkStateFragment } from '../gql/graphql';
import {
  AvailabilityQuery,
  AvailabilitySubscription,
  EpochStateSubscription,
  NetworkQuery,
  SyncProgressSubscription,
} from '../queries';
import { Countdown } from '../components/countdown';
import { ProgressBar } from '../components/progress-bar';
import { ErrorMessage, Loading } from '../components/errors';
import { Time } from '../components/values';

const STATE_NAMES: Record<NetworkStateFragment['state'], string> = {
  EpochChangeSync: 'Handoff in progress (EpochChangeSync)',
  EpochChangeDone: 'Epoch running (EpochChangeDone)',
  NextParamsSelected: 'Next committee selected (NextParamsSelected)',
};

/** The network as indexed, replaced by every state change and sync step the API pushes. */
function useLiveNetwork() {
  const [{ data, error }] = useQuery({ query: NetworkQuery });
  const [live, setLive] = useState<NetworkStateFragment | undefined>(undefined);
  const [{ data: changed }] = useSubscription({ query: EpochStateSubscription });
  const [{ data: progress }] = useSubscription({ query: SyncProgressSubscription });
  useEffect(() => {
    if (changed !== undefined) setLive(changed.epochStateChanged);
  }, [changed]);
  useEffect(() => {
    if (progress !== undefined) setLive(progress.syncProgress);
  }, [progress]);
  return { network: live ?? data?.network, error };
}

export function NetworkPanel() {
  const { network, error } = useLiveNetwork();
  // Asked for at once, beside the network's state, not after it: one round trip for the view.
  const availability = useLiveAvailability();
  if (error !== undefined && network === undefined) {
    return <ErrorMessage error={error} title="The network’s state could not be read" />;
  }
  if (network === undefined) {
    return <Loading what="the network" />;
  }
  return (
    <section class="panel" aria-labelledby="network-heading">
      <h1 id="network-heading">
        Walrus {network.network} · epoch <span data-testid="epoch">{network.epoch}</span>
      </h1>
      <p class="state" data-testid="epoch-state">
        {STATE_NAMES[network.state]}
      </p>
      <div class="grid">
        {network.state === 'EpochChangeDone' ? (
          <Countdown label="Voting ends (committee selected)" at={network.votingEndAt} testId="voting-end" />
        ) : null}
        {network.state === 'EpochChangeSync' ? null : (
          <Countdown label="Next epoch change" at={network.epochChangeAt} testId="epoch-change" />
        )}
        {network.doneAt === null ? null : (
          <div class="countdown">
            <span class="label">This epoch’s handoff done</span>
            <span class="value">
              <Time iso={network.doneAt} />
            </span>
          </div>
        )}
      </div>
      {network.state === 'EpochChangeSync' ? <QuorumBar network={network} /> : null}
      {availability === undefined ? null : <AvailabilityVerdict verdict={availability} />}
    </section>
  );
}

/** Shard weight that attested `epoch_sync_done`, against the 2f+1 the epoch change needs. */
function QuorumBar({ network }: { network: NetworkStateFragment }) {
  const weight = network.syncWeight ?? 0;
  return (
    <div class="quorum" data-testid="quorum">
      <div class="label">
        Sync quorum: {weight} of {network.syncQuorum} shards needed have attested
      </div>
      <ProgressBar
        label="Shard weight attested"
        value={weight}
        max={network.nShards}
        mark={network.syncQuorum}
      />
    </div>
  );
}

/** Whether reads and writes work, kept live; undefined where the Tusk serving the page does not track it. */
function useLiveAvailability(): AvailabilityVerdictFragment | undefined {
  const [{ data }] = useQuery({ query: AvailabilityQuery });
  const [live, setLive] = useState<AvailabilityVerdictFragment | undefined>(undefined);
  const [{ data: changed }] = useSubscription({ query: AvailabilitySubscription });
  useEffect(() => {
    if (changed !== undefined) setLive(changed.availabilityChanged);
  }, [changed]);
  return live ?? data?.availability;
}

function AvailabilityVerdict({ verdict }: { verdict: AvailabilityVerdictFragment }) {
  const status = verdict.canWrite ? 'ok' : verdict.canRead ? 'warn' : 'bad';
  return (
    <div class={`verdict ${status}`} data-testid="availability">
      <strong>
        {verdict.canWrite
          ? 'Reads and writes work'
          : verdict.canRead
            ? 'Reads work; writes fail'
            : 'Reads and writes fail'}
      </strong>{' '}
      · {verdict.shardsAvailable} of {verdict.nShards} shards available (writes need {verdict.writeThreshold},
      reads {verdict.readThreshold})
      {verdict.writesFailAfterNodes === null
        ? null
        : ` · writes fail if ${verdict.writesFailAfterNodes} more node${verdict.writesFailAfterNodes === 1 ? '' : 's'} go down`}
      <span class="muted">
        {' '}
        · since <Time iso={verdict.since} />
      </span>
    </div>
  );
}
