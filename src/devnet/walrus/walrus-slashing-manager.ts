import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { WalrusLedgerProjection } from 'src/devnet/walrus/walrus-ledger-projection';
import {
  walrusAbort as abort,
  type ContractCommit,
  type SlashingProposalRecord,
  type WalrusStateView,
} from 'src/devnet/walrus/walrus-network.types';
import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';
import type { NodeId } from 'src/domain/shared/node-id';
import { isQuorum, quorumWeight } from 'src/domain/votes/quorum';

/** What the slashing manager needs of the network it belongs to. */
export interface SlashingHost extends WalrusStateView {
  readonly projection: WalrusLedgerProjection;
  commit: ContractCommit;
}

/**
 * The `slashing` module's `SlashingManager`: committee members vote, weighted by their shards, to
 * slash a node; a proposal with a quorum in its own epoch can be executed, burning the node's whole
 * commission. Aborts are the module's, and an aborted call changes nothing.
 */
export class WalrusSlashingManager {
  constructor(
    private readonly host: SlashingHost,
    /** `SlashingManager.slashing_candidates`, by candidate. */
    private readonly proposals: Map<NodeId, SlashingProposalRecord>,
  ) {}

  /**
   * A committee member votes to slash `candidateId` with its current shard count. A proposal from
   * an earlier epoch starts over: its votes lapse with the epoch. The sender must be the voter's
   * `governance_authorized` address (set to the operator at registration), authenticated in the
   * same transaction.
   */
  vote(sender: string, voterId: NodeId, candidateId: NodeId): void {
    const voter = this.host.node(voterId);
    if (sender !== voter.operator) {
      throw new DomainError(
        'NOT_AUTHORIZED',
        `${sender} may not vote for ${voter.name}`,
        MOVE_ABORTS.notAuthorized,
      );
    }
    const member = this.host.committee.find((candidate) => candidate.nodeId === voterId);
    if (member === undefined) {
      throw new DomainError(
        'INVALID_STATE',
        `${voter.name} is not in the committee`,
        abort('ENotInCommittee', 4),
      );
    }
    const existing = this.proposals.get(candidateId);
    const current =
      existing?.epoch === this.host.epoch
        ? existing
        : { epoch: this.host.epoch, votingWeight: 0, voters: [] };
    if (current.voters.includes(voterId)) {
      throw new DomainError(
        'INVALID_STATE',
        `${voter.name} already voted to slash ${candidateId} in epoch ${this.host.epoch}`,
        abort('EDuplicateVote', 1, 'slashing'),
      );
    }
    const proposal: SlashingProposalRecord = {
      epoch: this.host.epoch,
      votingWeight: current.votingWeight + member.shards.length,
      voters: [...current.voters, voterId],
    };
    this.proposals.set(candidateId, proposal);
    this.host.commit(
      sender,
      [
        { module: 'auth', function: 'authenticate_sender' },
        { module: 'slashing', function: 'vote_for_slashing' },
      ],
      {
        writes: [
          this.host.projection.slashingManagerWrite(),
          this.host.projection.slashingProposalWrite(candidateId, proposal),
        ],
      },
    );
  }

  /** Burns the candidate's whole commission once its proposal of this epoch has a quorum. */
  execute(candidateId: NodeId, sender: string): bigint {
    const proposal = this.proposals.get(candidateId);
    if (proposal === undefined) {
      throw new DomainError(
        'INVALID_STATE',
        `no slashing proposal against ${candidateId}`,
        abort('ENoProposalForNode', 2, 'slashing'),
      );
    }
    if (proposal.epoch !== this.host.epoch) {
      throw new DomainError(
        'INVALID_STATE',
        `the proposal against ${candidateId} is from epoch ${proposal.epoch}, not ${this.host.epoch}`,
        abort('EWrongEpoch', 3, 'slashing'),
      );
    }
    if (!isQuorum(proposal.votingWeight, this.host.nShards)) {
      throw new DomainError(
        'INVALID_STATE',
        `the proposal against ${candidateId} has ${proposal.votingWeight} of ${quorumWeight(this.host.nShards)} shards`,
        abort('ENotEnoughVotes', 4, 'slashing'),
      );
    }
    const node = this.host.node(candidateId);
    const fieldId = this.host.projection.slashingProposalWrite(candidateId, proposal).objectId;
    this.proposals.delete(candidateId);
    const burned = node.pool.burnCommission();
    this.host.commit(
      normalizeSuiAddress(sender),
      'execute_slashing',
      {
        writes: [
          ...this.host.projection.stakingWrites({ pools: [node] }),
          this.host.projection.slashingManagerWrite(),
        ],
        deletes: [fieldId],
      },
      'slashing',
    );
    return burned;
  }

  /** Removes the named candidates' proposals from past epochs; anyone may call it. */
  cleanup(candidateIds: readonly NodeId[], sender: string): void {
    const deletes: string[] = [];
    for (const candidateId of candidateIds) {
      const proposal = this.proposals.get(candidateId);
      if (proposal !== undefined && proposal.epoch < this.host.epoch) {
        deletes.push(this.host.projection.slashingProposalWrite(candidateId, proposal).objectId);
        this.proposals.delete(candidateId);
      }
    }
    this.host.commit(
      normalizeSuiAddress(sender),
      'cleanup_slashing_proposals',
      { writes: [this.host.projection.slashingManagerWrite()], deletes },
      'slashing',
    );
  }
}
