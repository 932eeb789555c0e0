import type { EntityManager } from 'typeorm';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { UpgradeProposalVersionEntity } from 'src/store/upgrades/upgrade-proposal-version.entity';

export type UpgradeProposalVersionRow = Readonly<UpgradeProposalVersionEntity>;

/** A proposal for one digest in one epoch, as its last version left it. */
export interface UpgradeProposalRecord {
  readonly digest: string;
  readonly epoch: number;
  readonly packageVersion: bigint;
  readonly votingWeight: number;
  readonly voters: string[];
  readonly firstSeenAt: Date;
  readonly lastChangedAt: Date;
  /** When its field was removed in its own epoch: the upgrade was authorised then. */
  readonly authorizedAt: Date | null;
}

/** An executed upgrade, from its `ContractUpgraded` event. */
export interface ContractUpgradeRecord {
  readonly epoch: number;
  readonly packageId: string;
  readonly version: bigint;
  readonly checkpoint: bigint;
  readonly at: Date;
}

export const UpgradeRepository = {
  /** Versions are facts: written once, whatever order they arrive in. */
  async writeVersions(manager: EntityManager, rows: readonly UpgradeProposalVersionRow[]): Promise<void> {
    await bulkWriteEntities(
      manager,
      UpgradeProposalVersionEntity,
      rows,
      'ON CONFLICT (field_id, version) DO NOTHING',
    );
  },

  /** Proposals of epochs in the range, each as its last version left it, strongest first. */
  async proposals(
    manager: EntityManager,
    range: { readonly fromEpoch: number; readonly toEpoch: number },
  ): Promise<UpgradeProposalRecord[]> {
    const rows = await manager.query<
      {
        digest: string;
        proposal_epoch: number;
        package_version: string;
        voting_weight: number;
        voters: string[];
        first_seen_at: Date;
        last_changed_at: Date;
        authorized_at: Date | null;
      }[]
    >(
      `WITH live AS (
         SELECT DISTINCT ON (digest, proposal_epoch) field_id, digest, proposal_epoch, package_version,
                voting_weight, voters, version, timestamp AS last_changed_at
         FROM upgrade_proposal_version
         WHERE operation <> 'deleted' AND proposal_epoch BETWEEN $1 AND $2
         ORDER BY digest, proposal_epoch, version DESC)
       SELECT live.digest, live.proposal_epoch, live.package_version, live.voting_weight, live.voters,
              live.last_changed_at,
              (SELECT min(v.timestamp) FROM upgrade_proposal_version v
               WHERE v.digest = live.digest AND v.proposal_epoch = live.proposal_epoch) AS first_seen_at,
              (SELECT min(d.timestamp) FROM upgrade_proposal_version d
               WHERE d.field_id = live.field_id AND d.operation = 'deleted' AND d.version > live.version
                 AND d.staking_epoch = live.proposal_epoch) AS authorized_at
       FROM live
       ORDER BY live.voting_weight DESC, live.digest`,
      [range.fromEpoch, range.toEpoch],
    );
    return rows.map((row) => ({
      digest: row.digest,
      epoch: row.proposal_epoch,
      packageVersion: BigInt(row.package_version),
      votingWeight: row.voting_weight,
      voters: row.voters,
      firstSeenAt: row.first_seen_at,
      lastChangedAt: row.last_changed_at,
      authorizedAt: row.authorized_at,
    }));
  },

  /** Every executed upgrade, oldest first. */
  async upgrades(manager: EntityManager): Promise<ContractUpgradeRecord[]> {
    const rows = await manager.query<
      { epoch: number; package_id: string; version: string; checkpoint: string; timestamp: Date }[]
    >(
      `SELECT (data->>'epoch')::integer AS epoch, data->>'package_id' AS package_id, data->>'version' AS version,
              checkpoint, timestamp
       FROM walrus_event WHERE type = 'ContractUpgraded' AND data IS NOT NULL
       ORDER BY checkpoint, event_index`,
    );
    return rows.map((row) => ({
      epoch: row.epoch,
      packageId: row.package_id,
      version: BigInt(row.version),
      checkpoint: BigInt(row.checkpoint),
      at: row.timestamp,
    }));
  },
};
