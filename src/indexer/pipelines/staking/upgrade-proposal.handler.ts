import { toHex } from '@mysten/sui/utils';
import type { EntityManager } from 'typeorm';
import * as W from 'src/chain/walrus-bcs';
import type { StakingBatch } from 'src/indexer/pipelines/staking/staking-batch';
import type { StakingObjectHandler } from 'src/indexer/pipelines/staking/staking-object.handler';
import type { WalrusCheckpoint, WalrusObjectChange } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import { UpgradeRepository, type UpgradeProposalVersionRow } from 'src/store/upgrades/upgrade.repository';

/** Every version of every upgrade proposal, removals included, with the epoch it happened in. */
export class UpgradeProposalHandler implements StakingObjectHandler {
  readonly kinds = ['upgradeProposal'] as const;
  /** Removals count too: a proposal removed in its own epoch was authorised. */
  readonly includesDeletions = true;
  private readonly versions: UpgradeProposalVersionRow[] = [];
  /** The digest each field held, for its removal (a deleted object has no contents). */
  private readonly digestOf = new Map<string, string>();

  see(change: WalrusObjectChange, checkpoint: WalrusCheckpoint, batch: StakingBatch): void {
    const base = {
      fieldId: change.objectId,
      version: change.version,
      operation: change.operation,
      stakingEpoch: batch.requireEpoch(change),
      checkpoint: checkpoint.sequence,
      txDigest: change.txDigest,
      timestamp: new Date(checkpoint.timestampMs),
    };
    if (change.operation === 'deleted') {
      this.versions.push({
        ...base,
        digest: this.digestOf.get(change.objectId) ?? null,
        proposalEpoch: null,
        packageVersion: null,
        votingWeight: null,
        voters: null,
      });
      return;
    }
    const proposal = decodeObject(W.UpgradeProposalField, change).value;
    const digest = `0x${toHex(Uint8Array.from(proposal.digest.pos0))}`;
    this.digestOf.set(change.objectId, digest);
    this.versions.push({
      ...base,
      digest,
      proposalEpoch: proposal.epoch,
      packageVersion: BigInt(proposal.version),
      votingWeight: proposal.voting_weight,
      voters: proposal.voters.contents,
    });
  }

  decode(): void {
    // Decoded as seen: every version is kept.
  }

  async write(manager: EntityManager): Promise<void> {
    await UpgradeRepository.writeVersions(manager, this.versions);
  }
}
