import { useEffect, useState } from 'preact/hooks';
import { useQuery, useSubscription } from '@urql/preact';
import type { HandoffProgressFragment, NextCommitteeQuery as NextCommitteeResult } from '../gql/graphql';
import { HandoffQuery, HandoffSubscription, NextCommitteeQuery } from '../queries';
import { formatDuration, formatPercent } from '../format';
import { ErrorMessage, Loading } from '../components/errors';
import { Id } from '../components/values';
import { ProgressBar } from '../components/progress-bar';

export function NextCommitteePage() {
  const [{ data, error }] = useQuery({ query: NextCommitteeQuery });
  return (
    <>
      <HandoffPanel />
      {error !== undefined ? (
        <ErrorMessage error={error} title="The next committee could not be read" />
      ) : data === undefined ? (
        <Loading what="the next committee" />
      ) : (
        <ShardChanges data={data} />
      )}
    </>
  );
}

function ShardChanges({ data }: { data: NextCommitteeResult }) {
  const { committee, change } = data.nextCommittee;
  const names = new Map<string, string>();
  for (const member of [...data.committee.members, ...committee.members]) {
    if (member.name !== null) names.set(member.nodeId, member.name);
  }
  const nodes = [...change.nodes].sort(
    (a, b) =>
      b.gained.length - b.lost.length - (a.gained.length - a.lost.length) || a.nodeId.localeCompare(b.nodeId),
  );
  return (
    <section class="panel" aria-labelledby="next-heading" data-testid="next-committee">
      <h1 id="next-heading">
        Committee of epoch {committee.epoch}: {committee.predicted ? 'predicted' : 'selected'}
      </h1>
      <p>
        {committee.predicted
          ? 'Tusk’s prediction from the live active set, as the contract would select it now; the chain selects it at voting end.'
          : 'Selected on chain at voting end.'}{' '}
        {change.movedShards} shards change hands.
      </p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Role</th>
              <th scope="col" class="num">
                Gained
              </th>
              <th scope="col" class="num">
                Kept
              </th>
              <th scope="col" class="num">
                Lost
              </th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((node) => (
              <tr>
                <th scope="row">
                  <a href={`/operators/${node.nodeId}`}>
                    {names.get(node.nodeId) ?? <Id id={node.nodeId} />}
                  </a>
                </th>
                <td>{node.membership.toLowerCase()}</td>
                <td class="num">{node.gained.length === 0 ? '—' : `+${node.gained.length}`}</td>
                <td class="num">{node.kept.length}</td>
                <td class="num">{node.lost.length === 0 ? '—' : `−${node.lost.length}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The latest tracked handoff, kept live by the progress subscription. */
function HandoffPanel() {
  const [{ data }] = useQuery({ query: HandoffQuery });
  const [live, setLive] = useState<HandoffProgressFragment | undefined>(undefined);
  const [{ data: pushed }] = useSubscription({ query: HandoffSubscription });
  useEffect(() => {
    if (pushed !== undefined) setLive(pushed.shardMigrationProgress);
  }, [pushed]);
  const handoff = live ?? data?.shardMigration;
  if (handoff === undefined) {
    return null;
  }
  const { progress, quorum } = handoff;
  return (
    <section class="panel" aria-labelledby="handoff-heading" data-testid="handoff">
      <h2 id="handoff-heading">
        Handoff into epoch {handoff.epoch}: {handoff.status.toLowerCase()}
      </h2>
      <p>
        {progress.planned === 0
          ? 'No shard changes hands in this handoff.'
          : `${progress.received} of ${progress.planned} shard moves received`}
        {progress.planned === 0 ? '' : ` (${formatPercent(progress.fractionReceived, 0)})`}
        {progress.transferring > 0 ? ` · ${progress.transferring} transferring` : ''}
        {progress.recovering > 0 ? ` · ${progress.recovering} recovering` : ''}
        {progress.failed > 0 ? ` · ${progress.failed} failed` : ''}
        {handoff.etaSeconds > 0 ? ` · about ${formatDuration(handoff.etaSeconds)} left` : ''}
      </p>
      <ProgressBar label="Shard moves received" value={progress.received} max={progress.planned} />
      <p>
        Sync quorum: {quorum.attestedWeight} of {quorum.quorumWeight} shards attested
        {quorum.reached ? ' — reached' : quorum.atRisk ? ' — at risk' : ''}
      </p>
    </section>
  );
}
