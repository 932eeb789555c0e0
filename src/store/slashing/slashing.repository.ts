import type { EntityManager } from 'typeorm';
import { bulkWriteEntities } from 'src/database/entity-bulk-write';
import { SlashingProposalVersionEntity } from 'src/store/slashing/slashing-proposal-version.entity';

export interface SlashingProposalVersionRow {
  readonly fieldId: string;
  readonly version: bigint;
  readonly operation: 'created' | 'mutated' | 'deleted';
  readonly stakingEpoch: number;
  /** Null for a removal. */
  readonly proposal: {
    readonly candidateNodeId: string;
    readonly epoch: number;
    readonly votingWeight: number;
    readonly voters: readonly string[];
  } | null;
  readonly checkpoint: bigint;
  readonly txDigest: string;
  readonly timestamp: Date;
}

/** A proposal to slash one node in one epoch, as its last version left it. */
export interface SlashingProposalRecord {
  readonly candidateNodeId: string;
  readonly epoch: number;
  readonly votingWeight: number;
  readonly voters: string[];
  readonly firstSeenAt: Date;
  readonly lastChangedAt: Date;
  /** When `execute_slashing` burnt the candidate's commission; null if it never did. */
  readonly executedAt: Date | null;
}

interface ProposalQueryRow {
  candidate_node_id: string;
  epoch: number;
  voting_weight: number;
  voters: string[];
  first_seen_at: Date;
  last_changed_at: Date;
  executed_at: Date | null;
}

export const SlashingRepository = {
  /** Versions are facts: written once, whatever order they arrive in. */
  async writeVersions(manager: EntityManager, rows: readonly SlashingProposalVersionRow[]): Promise<void> {
    await bulkWriteEntities(
      manager,
      SlashingProposalVersionEntity,
      rows.map((row) => ({
        fieldId: row.fieldId,
        version: row.version,
        operation: row.operation,
        stakingEpoch: row.stakingEpoch,
        candidateNodeId: row.proposal?.candidateNodeId ?? null,
        proposalEpoch: row.proposal?.epoch ?? null,
        votingWeight: row.proposal?.votingWeight ?? null,
        voters: row.proposal === null ? null : [...row.proposal.voters],
        checkpoint: row.checkpoint,
        txDigest: row.txDigest,
        timestamp: row.timestamp,
      })),
      'ON CONFLICT (field_id, version) DO NOTHING',
    );
  },

  /**
   * Proposals of the epochs `fromEpoch`..`toEpoch`, optionally only against `candidates`. A removal
   * in the epoch of the proposal it removed is an execution: `cleanup_slashing_proposals` only
   * removes proposals of earlier epochs, and `execute_slashing` only those of the current one.
   */
  async proposals(
    manager: EntityManager,
    range: { fromEpoch: number; toEpoch: number; candidates?: readonly string[] },
  ): Promise<SlashingProposalRecord[]> {
    const rows = await manager.query<ProposalQueryRow[]>(
      `WITH history AS (
         SELECT v.operation, v.staking_epoch, v.timestamp,
                lag(v.candidate_node_id) OVER w AS removed_candidate,
                lag(v.proposal_epoch) OVER w AS removed_epoch
         FROM slashing_proposal_version v
         WINDOW w AS (PARTITION BY v.field_id ORDER BY v.version)),
       executions AS (
         SELECT removed_candidate AS candidate_node_id, removed_epoch AS epoch, min(timestamp) AS executed_at
         FROM history WHERE operation = 'deleted' AND removed_epoch = staking_epoch
         GROUP BY 1, 2),
       versions AS (
         SELECT * FROM slashing_proposal_version
         WHERE operation <> 'deleted' AND proposal_epoch BETWEEN $1 AND $2
           AND ($3::text[] IS NULL OR candidate_node_id = ANY($3))),
       latest AS (
         SELECT DISTINCT ON (candidate_node_id, proposal_epoch)
                candidate_node_id, proposal_epoch AS epoch, voting_weight, voters, timestamp AS last_changed_at
         FROM versions ORDER BY candidate_node_id, proposal_epoch, version DESC),
       firsts AS (
         SELECT candidate_node_id, proposal_epoch AS epoch, min(timestamp) AS first_seen_at
         FROM versions GROUP BY 1, 2)
       SELECT l.candidate_node_id, l.epoch, l.voting_weight, l.voters, f.first_seen_at, l.last_changed_at,
              e.executed_at
       FROM latest l JOIN firsts f USING (candidate_node_id, epoch)
       LEFT JOIN executions e USING (candidate_node_id, epoch)
       ORDER BY l.epoch DESC, l.voting_weight DESC, l.candidate_node_id`,
      [range.fromEpoch, range.toEpoch, range.candidates ?? null],
    );
    return rows.map((row) => ({
      candidateNodeId: row.candidate_node_id,
      epoch: row.epoch,
      votingWeight: row.voting_weight,
      voters: row.voters,
      firstSeenAt: row.first_seen_at,
      lastChangedAt: row.last_changed_at,
      executedAt: row.executed_at,
    }));
  },
};
