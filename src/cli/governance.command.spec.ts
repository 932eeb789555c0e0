import { renderSlashing, type SlashingView } from 'src/cli/governance.command';

describe('renderSlashing', () => {
  it('names the fewest heaviest members that could still carry an open proposal', () => {
    const member = (name: string, weight: number) => ({ nodeId: `0x${name}`, name, weight });
    const view: SlashingView = {
      epoch: 7,
      slashingProposals: [
        {
          candidateNodeId: '0xc',
          candidateName: 'node-c',
          status: 'OPEN',
          votingWeight: 300,
          quorumWeight: 667,
          quorumReached: false,
          weightNeeded: 367,
          voters: [member('node-a', 300)],
          nonVoters: [member('node-b', 250), member('node-d', 200), member('node-e', 150)],
          firstSeenAt: '2026-01-01T00:00:00.000Z',
          executedAt: null,
        },
      ],
    };
    expect(renderSlashing(view)).toContain(
      '367 shards missing; enough if these vote before the epoch ends: node-b (250), node-d (200)',
    );
    const proposal = view.slashingProposals[0]!;
    const reached = { ...proposal, votingWeight: 700, quorumReached: true, weightNeeded: 0 };
    expect(renderSlashing({ ...view, slashingProposals: [reached] })).toContain(
      'anyone may call slashing::execute_slashing this epoch',
    );
    expect(renderSlashing({ epoch: 2, slashingProposals: [] })).toBe('Slashing proposals in epoch 2\nnone\n');
  });
});
