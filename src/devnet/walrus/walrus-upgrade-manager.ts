import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress, toHex } from '@mysten/sui/utils';
import * as W from 'src/chain/walrus-bcs';
import type { SuiLedger } from 'src/devnet/ledger/sui-ledger';
import type { WalrusLedgerProjection } from 'src/devnet/walrus/walrus-ledger-projection';
import { WalrusObjectWriter } from 'src/devnet/walrus/walrus-objects';
import {
  walrusAbort,
  type ContractCommit,
  type WalrusStateView,
} from 'src/devnet/walrus/walrus-network.types';
import { DomainError } from 'src/domain/shared/domain.error';
import type { NodeId } from 'src/domain/shared/node-id';
import { isQuorum } from 'src/domain/votes/quorum';

/** What the upgrade manager needs of the network it governs. */
export interface UpgradeHost extends WalrusStateView {
  readonly projection: WalrusLedgerProjection;
  commit: ContractCommit;
}

interface ProposalRecord {
  epoch: number;
  digest: Uint8Array;
  version: bigint;
  votingWeight: number;
  voters: NodeId[];
}

const abort = (name: string, code: number) => walrusAbort(name, code, 'upgrade');

/**
 * The `upgrade` module's `UpgradeManager`: committee members vote for a package digest, weighted
 * by their shards, through their `governance_authorized`; a proposal of the current epoch with a
 * quorum authorises the upgrade. Upgrading publishes a package version whose new types carry its
 * own address, and migrating points `Staking` and `System` at it and emits `ContractUpgraded`.
 * Every vote past the quorum emits `ContractUpgradeQuorumReached` again, as the contract does.
 */
export class WalrusUpgradeManager {
  readonly objectId: string;
  private readonly tableId: string;
  private readonly capId: string;
  /** The package version the cap last committed. */
  private capVersion = 1n;
  private readonly proposals = new Map<string, ProposalRecord>();
  private readonly writer: WalrusObjectWriter;
  /** Every package version published, original first. */
  readonly packages: string[];

  constructor(
    private readonly ledger: SuiLedger,
    private readonly host: UpgradeHost,
  ) {
    this.objectId = ledger.newObjectId();
    this.tableId = ledger.newObjectId();
    this.capId = ledger.newObjectId();
    this.writer = new WalrusObjectWriter(ledger, host.projection.deployment.packageId);
    this.packages = [host.projection.deployment.packageId];
  }

  create(sender: string): void {
    this.host.commit(sender, 'new', { writes: [this.managerWrite()] }, 'upgrade');
  }

  /** `vote_for_upgrade`, sent by the voter's governance-authorised address. */
  vote(sender: string, voterId: NodeId, digest: Uint8Array): void {
    const host = this.host;
    const voter = host.node(voterId);
    const authorised = voter.governanceAuthorized;
    if (authorised.kind !== 'address' || authorised.address !== normalizeSuiAddress(sender)) {
      throw new DomainError(
        'NOT_AUTHORIZED',
        `${sender} may not vote for ${voter.name}`,
        abort('ENotAuthorized', 1),
      );
    }
    const member = host.committee.find((candidate) => candidate.nodeId === voterId);
    if (member === undefined) {
      throw new DomainError(
        'INVALID_STATE',
        `${voter.name} is not in the committee`,
        walrusAbort('ENotInCommittee', 4),
      );
    }
    if (digest.length !== 32) {
      throw new DomainError(
        'INVALID_ARGUMENT',
        'a package digest has 32 bytes',
        abort('EInvalidPackageDigest', 3),
      );
    }
    const key = toHex(digest);
    const events = [];
    const existing = this.proposals.get(key);
    const fresh =
      existing === undefined || existing.epoch !== host.epoch || existing.version !== this.capVersion + 1n;
    const proposal: ProposalRecord = fresh
      ? { epoch: host.epoch, digest, version: this.capVersion + 1n, votingWeight: 0, voters: [] }
      : { ...existing, voters: [...existing.voters] };
    if (fresh) {
      events.push(
        host.projection.event(
          'ContractUpgradeProposed',
          W.ContractUpgradeProposed.serialize({ epoch: host.epoch, package_digest: [...digest] }),
        ),
      );
    }
    if (proposal.voters.includes(voterId)) {
      throw new DomainError(
        'INVALID_STATE',
        `${voter.name} already voted for this digest`,
        abort('EDuplicateVote', 2),
      );
    }
    proposal.voters.push(voterId);
    proposal.votingWeight += member.shards.length;
    if (isQuorum(proposal.votingWeight, host.nShards)) {
      events.push(
        host.projection.event(
          'ContractUpgradeQuorumReached',
          W.ContractUpgradeQuorumReached.serialize({ epoch: host.epoch, package_digest: [...digest] }),
        ),
      );
    }
    this.proposals.set(key, proposal);
    host.commit(
      normalizeSuiAddress(sender),
      [
        { module: 'auth', function: 'authenticate_sender' },
        { module: 'upgrade', function: 'vote_for_upgrade' },
      ],
      { writes: [this.managerWrite(), this.proposalWrite(proposal)], events },
    );
  }

  /**
   * `authorize_upgrade`, the publish, `commit_upgrade` and `migrate` in one go: a new package
   * version whose new types (`newTypes`, `module::Type`) carry its own address.
   */
  upgrade(sender: string, digest: Uint8Array, newTypes: readonly string[]): string {
    const host = this.host;
    const key = toHex(digest);
    const proposal = this.proposals.get(key);
    if (proposal === undefined) {
      throw new DomainError('INVALID_STATE', 'no proposal for this digest', abort('ENoProposalForDigest', 4));
    }
    if (proposal.epoch !== host.epoch) {
      throw new DomainError(
        'INVALID_STATE',
        `the proposal is of epoch ${proposal.epoch}`,
        abort('EWrongEpoch', 5),
      );
    }
    if (!isQuorum(proposal.votingWeight, host.nShards)) {
      throw new DomainError('INVALID_STATE', 'the proposal has no quorum', abort('ENotEnoughVotes', 6));
    }
    const fieldId = this.proposalWrite(proposal).objectId;
    this.proposals.delete(key);
    const packageId = this.ledger.newObjectId();
    const original = this.packages[0] ?? packageId;
    const previous = this.ledger.get(this.packages.at(-1) ?? original)?.movePackage?.typeOrigins ?? [];
    this.ledger.publishPackage(packageId, {
      originalId: original,
      version: proposal.version,
      typeOrigins: [...previous, ...newTypes.map((qualified) => origin(qualified, packageId))],
    });
    this.packages.push(packageId);
    for (const qualified of newTypes) {
      this.introduced.set(qualified, packageId);
    }
    this.capVersion = proposal.version;
    host.projection.currentPackageId = packageId;
    host.commit(
      normalizeSuiAddress(sender),
      [
        { module: 'upgrade', function: 'authorize_upgrade' },
        { module: 'upgrade', function: 'commit_upgrade' },
        { package: packageId, module: 'init', function: 'migrate' },
      ],
      {
        writes: [this.managerWrite(), ...host.projection.rootWrites()],
        deletes: [fieldId],
        events: [
          host.projection.event(
            'ContractUpgraded',
            W.ContractUpgraded.serialize({ epoch: host.epoch, package_id: packageId, version: 3n }),
          ),
        ],
      },
    );
    return packageId;
  }

  /**
   * `staking::set_migration_epoch`: marks the next epoch as the one from which a migration may
   * run, once (a second call leaves it). The deployed v3 `migrate` no longer reads it.
   */
  setMigrationEpoch(sender: string): void {
    const host = this.host;
    if (this.migrationEpoch !== undefined) {
      return;
    }
    this.migrationEpoch = host.epoch + 1;
    const key = [...new TextEncoder().encode('migration_epoch')];
    host.commit(normalizeSuiAddress(sender), 'set_migration_epoch', {
      writes: [
        this.writer.dynamicField(
          host.projection.deployment.stakingObjectId,
          'vector<u8>',
          bcs.vector(bcs.u8()),
          key,
          'u32',
          bcs.u32().serialize(this.migrationEpoch).toBytes(),
        ),
      ],
    });
  }

  private migrationEpoch: number | undefined;

  /**
   * `update_protocol_version`, as the nodes call it once a new protocol is agreed: its event type
   * was introduced by a later package version (v2 on mainnet), so it carries that version's
   * address, the newest package here that introduced it.
   */
  updateProtocolVersion(sender: string, startEpoch: number, protocolVersion: bigint): void {
    const host = this.host;
    const packageId = this.introducerOf('events::ProtocolVersionUpdated');
    host.commit(
      normalizeSuiAddress(sender),
      [{ package: packageId, module: 'system', function: 'update_protocol_version' }],
      {
        writes: host.projection.systemWrites(),
        events: [
          {
            packageId,
            module: 'system',
            type: `${packageId}::events::ProtocolVersionUpdated`,
            contents: W.ProtocolVersionUpdated.serialize({
              epoch: host.epoch,
              start_epoch: startEpoch,
              protocol_version: protocolVersion,
            }).toBytes(),
          },
        ],
      },
    );
  }

  private introducerOf(qualified: string): string {
    const found = this.introduced.get(qualified);
    if (found === undefined) {
      throw new DomainError('INVALID_STATE', `no published version defines ${qualified}`);
    }
    return found;
  }

  /** Types introduced by upgrades: `module::Type` → the package version that introduced it. */
  private readonly introduced = new Map<string, string>();

  private managerWrite() {
    return {
      objectId: this.objectId,
      owner: { kind: 'shared' as const, initialVersion: 1n },
      type: `${this.host.projection.deployment.packageId}::upgrade::UpgradeManager`,
      contents: W.UpgradeManager.serialize({
        id: this.objectId,
        cap: {
          id: this.capId,
          package: this.packages.at(-1) ?? this.objectId,
          version: this.capVersion,
          policy: 0,
        },
        upgrade_proposals: { id: this.tableId, size: BigInt(this.proposals.size) },
      }).toBytes(),
    };
  }

  private proposalWrite(proposal: ProposalRecord) {
    const origin = this.host.projection.deployment.packageId;
    return this.writer.dynamicField(
      this.tableId,
      `${origin}::upgrade::PackageDigest`,
      W.PackageDigest,
      { pos0: [...proposal.digest] },
      `${origin}::upgrade::UpgradeProposal`,
      W.UpgradeProposal.serialize({
        epoch: proposal.epoch,
        digest: { pos0: [...proposal.digest] },
        version: proposal.version,
        voting_weight: proposal.votingWeight,
        voters: { contents: proposal.voters },
      }).toBytes(),
    );
  }
}

function origin(qualified: string, packageId: string) {
  const [module = '', datatype = ''] = qualified.split('::');
  return { module, datatype, packageId };
}
