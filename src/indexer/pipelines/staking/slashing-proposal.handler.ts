import type { EntityManager } from 'typeorm';
import * as W from 'src/chain/walrus-bcs';
import type { StakingBatch } from 'src/indexer/pipelines/staking/staking-batch';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import { SlashingRepository, type SlashingProposalVersionRow } from 'src/store/slashing/slashing.repository';

/** Every version of every slashing proposal, removals included, with the epoch it happened in. */
export class SlashingProposalHandler implements StakingObjectHandler {
  readonly kinds = ['slashingProposal'] as const;
  /** Removals count too: a proposal deleted in its own epoch was executed. */
  readonly includesDeletions = true;
  private readonly versions: SlashingProposalVersionRow[] = [];

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint, batch: StakingBatch): void {
    this.versions.push(slashingVersion(change, checkpoint, batch.requireEpoch(change)));
  }

  decode(): void {
    // Decoded as seen: every version is kept.
  }

  async write(manager: EntityManager): Promise<void> {
    await SlashingRepository.writeVersions(manager, this.versions);
  }
}

/** A version of a slashing proposal, or its removal, stamped with the Walrus epoch it happened in. */
function slashingVersion(
  change: WalrusObjectChange,
  checkpoint: WalrusCheckpoint,
  stakingEpoch: number,
): SlashingProposalVersionRow {
  const base = {
    fieldId: change.objectId,
    version: change.version,
    operation: change.operation,
    stakingEpoch,
    checkpoint: checkpoint.sequence,
    txDigest: change.txDigest,
    timestamp: new Date(checkpoint.timestampMs),
  };
  if (change.operation === 'deleted') {
    return { ...base, proposal: null };
  }
  const proposal = decodeObject(W.SlashingProposalField, change).value;
  return {
    ...base,
    proposal: {
      candidateNodeId: proposal.node_id,
      epoch: proposal.epoch,
      votingWeight: proposal.voting_weight,
      voters: proposal.voters.contents,
    },
  };
}
