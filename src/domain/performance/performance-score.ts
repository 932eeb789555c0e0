import { isQuorum, quorumWeight } from 'src/domain/votes/quorum';

/**
 * A storage node's performance score, 0–100, from what can be observed of a Walrus node (the
 * protocol has no attestations of its own beyond `epoch_sync_done`). Each component is a share in
 * 0..1 with the inputs it came from; a component with no data is left out and the weights of the
 * others are scaled up, so that a node is judged only on what was seen.
 *
 * | component     | weight | share                                                                   |
 * |---------------|--------|-------------------------------------------------------------------------|
 * | reachability  | 0.20   | health polls answered / polls                                           |
 * | active        | 0.15   | polls reporting NodeStatus Active / polls answered                      |
 * | readiness     | 0.10   | mean over answered polls of ready shards / owned shards                 |
 * | handoffs      | 0.20   | mean over handoffs with gains of min(1, network median s/GB ÷ own s/GB) |
 * | attestations  | 0.15   | epochs attested / epochs in the committee                               |
 * | deny list     | 0.10   | 1 − deny-list bytes / used capacity (the share of rewards it keeps)     |
 * | slashing      | 0.10   | 1 − Σ proposals' penalties / epochs the node had a pool                 |
 *
 * A slashing proposal's penalty is 1 once executed or once its votes reached a quorum, and its
 * share of the quorum (voting weight ÷ 667 of 1000 shards) otherwise: the committee's judgement,
 * weighed by how much of the committee made it. Proposals lapse with their epoch, so each epoch
 * holds at most one per node.
 *
 * Luck is normalised as beaconcha.in does for proposals: a handoff in which the node gained no
 * shard says nothing about it and is not counted; a speed is compared with the other receivers'
 * median of the same epoch, so a slow network does not count against a node.
 */
export const SCORE_WEIGHTS = {
  reachability: 0.2,
  active: 0.15,
  readiness: 0.1,
  handoffs: 0.2,
  attestations: 0.15,
  denyList: 0.1,
  slashing: 0.1,
} as const;

export type ScoreComponentName = keyof typeof SCORE_WEIGHTS;

export interface HandoffSample {
  readonly epoch: number;
  readonly receivedBytes: bigint;
  /** Seconds from EpochChangeStart to the node's epoch_sync_done; null when it never attested. */
  readonly syncSeconds: number | null;
  /** The median seconds per GB of the epoch's receiving nodes that attested. */
  readonly medianSecondsPerGb: number | null;
}

export interface SlashingSample {
  readonly epoch: number;
  /** Shards of the committee members that voted for it. */
  readonly votingWeight: number;
  readonly executed: boolean;
}

export interface PerformanceInput {
  readonly polls: number;
  readonly reachablePolls: number;
  /** Answers with the status the node should have: Active in the committee, Standby out of it. */
  readonly activePolls: number;
  /** Sum over answered polls of ready / owned shards (1 for a poll of a node owning none). */
  readonly readyShareSum: number;
  readonly handoffs: readonly HandoffSample[];
  readonly epochsInCommittee: number;
  readonly epochsAttested: number;
  readonly denyListSize: bigint;
  readonly usedCapacity: bigint;
  /** Proposals to slash the node in the window's epochs. */
  readonly slashingProposals: readonly SlashingSample[];
  /** Epochs of the window in which the node had a staking pool. */
  readonly epochsWithPool: number;
  readonly nShards: number;
}

export interface ScoreComponent {
  readonly name: ScoreComponentName;
  readonly weight: number;
  /** 0..1. */
  readonly value: number;
  readonly inputs: string;
}

export interface PerformanceScore {
  /** 0..100, or null when nothing about the node was observed. */
  readonly score: number | null;
  readonly components: ScoreComponent[];
}

const GB = 1_000_000_000;

export function performanceScore(input: PerformanceInput): PerformanceScore {
  const components: ScoreComponent[] = [];
  const add = (name: ScoreComponentName, value: number, inputs: string) => {
    components.push({ name, weight: SCORE_WEIGHTS[name], value: clamp(value), inputs });
  };
  if (input.polls > 0) {
    add(
      'reachability',
      input.reachablePolls / input.polls,
      `${input.reachablePolls} of ${input.polls} polls answered`,
    );
  }
  if (input.reachablePolls > 0) {
    add(
      'active',
      input.activePolls / input.reachablePolls,
      `${input.activePolls} of ${input.reachablePolls} answers Active in the committee or Standby out of it`,
    );
    add(
      'readiness',
      input.readyShareSum / input.reachablePolls,
      `mean ready share ${(input.readyShareSum / input.reachablePolls).toFixed(4)} over ${input.reachablePolls} answers`,
    );
  }
  const handoffs = input.handoffs.filter((handoff) => handoff.receivedBytes > 0n);
  if (handoffs.length > 0) {
    const ratios = handoffs.map((handoff) => {
      if (handoff.syncSeconds === null) {
        return 0;
      }
      const own = handoff.syncSeconds / (Number(handoff.receivedBytes) / GB);
      if (handoff.medianSecondsPerGb === null || own <= 0) {
        return 1;
      }
      return Math.min(1, handoff.medianSecondsPerGb / own);
    });
    add(
      'handoffs',
      ratios.reduce((sum, ratio) => sum + ratio, 0) / ratios.length,
      `${handoffs.length} handoff(s) with gains, against each epoch's median seconds per GB`,
    );
  }
  if (input.epochsInCommittee > 0) {
    add(
      'attestations',
      input.epochsAttested / input.epochsInCommittee,
      `${input.epochsAttested} of ${input.epochsInCommittee} epochs attested`,
    );
  }
  if (input.usedCapacity > 0n) {
    const denied = input.denyListSize < input.usedCapacity ? input.denyListSize : input.usedCapacity;
    add(
      'denyList',
      1 - Number((denied * 1_000_000n) / input.usedCapacity) / 1_000_000,
      `${input.denyListSize} deny-listed bytes of ${input.usedCapacity} stored`,
    );
  }
  if (input.epochsWithPool > 0) {
    const penalties = input.slashingProposals.map((proposal) =>
      proposal.executed || isQuorum(proposal.votingWeight, input.nShards)
        ? 1
        : proposal.votingWeight / quorumWeight(input.nShards),
    );
    const executed = input.slashingProposals.filter((proposal) => proposal.executed).length;
    const strongest = Math.max(0, ...input.slashingProposals.map((proposal) => proposal.votingWeight));
    add(
      'slashing',
      1 - penalties.reduce((sum, penalty) => sum + penalty, 0) / input.epochsWithPool,
      input.slashingProposals.length === 0
        ? `no slashing proposal in ${input.epochsWithPool} epochs`
        : `${input.slashingProposals.length} slashing proposal(s) in ${input.epochsWithPool} epochs, ` +
            `${executed} executed; strongest ${strongest} of ${quorumWeight(input.nShards)} shards`,
    );
  }
  const weight = components.reduce((sum, component) => sum + component.weight, 0);
  const score =
    weight === 0
      ? null
      : Math.round((components.reduce((sum, c) => sum + c.weight * c.value, 0) / weight) * 10_000) / 100;
  return { score, components };
}

function clamp(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
}
