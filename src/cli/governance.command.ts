import { progressBar } from 'src/cli/migration.command';
import { queryTusk } from 'src/cli/tusk-graphql';

const SLASHING_QUERY = `query Slashing($epoch: Int) {
  governance(epoch: $epoch) {
    epoch
    slashingProposals {
      candidateNodeId candidateName status votingWeight quorumWeight quorumReached weightNeeded
      voters { nodeId name weight } nonVoters { nodeId name weight } firstSeenAt executedAt
    }
  }
}`;

interface Voter {
  nodeId: string;
  name: string | null;
  weight: number;
}

export interface SlashingView {
  epoch: number;
  slashingProposals: {
    candidateNodeId: string;
    candidateName: string | null;
    status: 'OPEN' | 'EXECUTED' | 'LAPSED';
    votingWeight: number;
    quorumWeight: number;
    quorumReached: boolean;
    weightNeeded: number;
    voters: Voter[];
    nonVoters: Voter[];
    firstSeenAt: string;
    executedAt: string | null;
  }[];
}

/** Asks a running Tusk for the slashing proposals of `epoch` (default: the current one). */
export async function fetchSlashing(url: string, epoch: number | undefined): Promise<SlashingView> {
  return queryTusk<SlashingView>(url, SLASHING_QUERY, { epoch: epoch ?? null }, 'governance');
}

const label = (voter: { nodeId: string; name: string | null }) => voter.name ?? voter.nodeId.slice(0, 12);

/**
 * Each proposal with its tally against the quorum, its voters and, while it is open, the fewest
 * heaviest members whose votes would still carry it.
 */
export function renderSlashing(view: SlashingView): string {
  const lines = [`Slashing proposals in epoch ${view.epoch}`];
  if (view.slashingProposals.length === 0) {
    lines.push('none');
  }
  for (const proposal of view.slashingProposals) {
    const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
    lines.push(
      '',
      `${proposal.candidateName ?? proposal.candidateNodeId}  ${proposal.status}  ` +
        `${progressBar(proposal.votingWeight / Math.max(proposal.quorumWeight, 1))} ` +
        `${proposal.votingWeight}/${proposal.quorumWeight} shards` +
        (proposal.executedAt === null ? '' : `, commission burnt ${when(proposal.executedAt)}`),
      `  voters: ${proposal.voters.map((voter) => `${label(voter)} (${voter.weight})`).join(', ')}`,
    );
    if (proposal.status === 'OPEN' && !proposal.quorumReached) {
      const enough: Voter[] = [];
      let gathered = 0;
      for (const voter of proposal.nonVoters) {
        if (gathered >= proposal.weightNeeded) {
          break;
        }
        enough.push(voter);
        gathered += voter.weight;
      }
      lines.push(
        gathered >= proposal.weightNeeded
          ? `  ${proposal.weightNeeded} shards missing; enough if these vote before the epoch ends: ` +
              enough.map((voter) => `${label(voter)} (${voter.weight})`).join(', ')
          : `  ${proposal.weightNeeded} shards missing; the members who have not voted hold only ${gathered}`,
      );
    }
    if (proposal.status === 'OPEN' && proposal.quorumReached) {
      lines.push('  quorum reached: anyone may call slashing::execute_slashing this epoch');
    }
  }
  return `${lines.join('\n')}\n`;
}
