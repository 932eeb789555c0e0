import type { EntityManager } from 'typeorm';
import { SlashingRepository } from 'src/store/slashing/slashing.repository';
import type {
  HandoffSample,
  PerformanceInput,
  SlashingSample,
} from 'src/domain/performance/performance-score';

interface AvailabilityRow {
  node_id: string;
  polls: string;
  reachable_polls: string;
  active_polls: string;
  ready_share_sum: number;
}

interface HandoffRow {
  node_id: string;
  epoch: number;
  receive_bytes: string;
  sync_seconds: number | null;
  median_seconds_per_gb: number | null;
}

interface AttestationRow {
  node_id: string;
  in_committee: string;
  attested: string;
}

/**
 * What the score of each node is computed from, over the epochs `fromEpoch`..`toEpoch`;
 * `nShards` sizes the quorum slashing votes are weighed against.
 */
export const PerformanceRepository = {
  async inputs(
    manager: EntityManager,
    nodeIds: readonly string[],
    fromEpoch: number,
    toEpoch: number,
    nShards: number,
  ): Promise<Map<string, PerformanceInput>> {
    const availability = await manager.query<AvailabilityRow[]>(
      `SELECT node_id, sum(polls) AS polls, sum(reachable_polls) AS reachable_polls, sum(active_polls) AS active_polls,
              sum(ready_share_sum) AS ready_share_sum
       FROM node_availability WHERE node_id = ANY($1) AND epoch BETWEEN $2 AND $3 GROUP BY node_id`,
      [nodeIds, fromEpoch, toEpoch],
    );
    // Seconds per GB of every receiving node that attested, per epoch; each node against its epoch's median.
    const handoffs = await manager.query<HandoffRow[]>(
      `WITH speeds AS (
         SELECT m.node_id, m.epoch, m.receive_bytes,
                EXTRACT(EPOCH FROM m.attested_at - s.started_at)::float8 AS sync_seconds
         FROM migration_node m JOIN shard_migration s USING (epoch)
         WHERE m.epoch BETWEEN $2 AND $3 AND m.receive_bytes > 0
           AND (m.attested_at IS NOT NULL OR s.ended_at IS NOT NULL)),
       medians AS (
         SELECT epoch, percentile_cont(0.5) WITHIN GROUP (
                  ORDER BY sync_seconds / (receive_bytes::float8 / 1e9)) AS median_seconds_per_gb
         FROM speeds WHERE sync_seconds IS NOT NULL GROUP BY epoch)
       SELECT s.node_id, s.epoch, s.receive_bytes, s.sync_seconds, d.median_seconds_per_gb
       FROM speeds s LEFT JOIN medians d USING (epoch) WHERE s.node_id = ANY($1)`,
      [nodeIds, fromEpoch, toEpoch],
    );
    // Epochs in the committee whose attestation window closed (or that the node attested).
    const attestations = await manager.query<AttestationRow[]>(
      `SELECT c.node_id, count(*) AS in_committee, count(a.node_id) AS attested
       FROM committee_member c
       LEFT JOIN node_attestation a ON a.node_id = c.node_id AND a.epoch = c.epoch
       WHERE c.node_id = ANY($1) AND c.epoch BETWEEN $2 AND $3 AND c.shard_count > 0
         AND (a.node_id IS NOT NULL OR EXISTS (SELECT 1 FROM epoch n WHERE n.epoch = c.epoch + 1 AND n.started_at IS NOT NULL))
       GROUP BY c.node_id`,
      [nodeIds, fromEpoch, toEpoch],
    );
    const [system] = await manager.query<
      { used_capacity_size: string; deny_list_sizes: Record<string, string> }[]
    >(
      'SELECT used_capacity_size, deny_list_sizes FROM system_state WHERE epoch <= $1 ORDER BY epoch DESC LIMIT 1',
      [toEpoch],
    );
    // The first epoch each pool was seen in: a node is judged on slashing only while it existed.
    const firstEpochs = await manager.query<{ node_id: string; first_epoch: number }[]>(
      'SELECT node_id, min(epoch) AS first_epoch FROM pool_state WHERE node_id = ANY($1) GROUP BY node_id',
      [nodeIds],
    );
    const slashingOf = new Map<string, SlashingSample[]>();
    for (const proposal of await SlashingRepository.proposals(manager, {
      fromEpoch,
      toEpoch,
      candidates: nodeIds,
    })) {
      slashingOf.set(proposal.candidateNodeId, [
        ...(slashingOf.get(proposal.candidateNodeId) ?? []),
        {
          epoch: proposal.epoch,
          votingWeight: proposal.votingWeight,
          executed: proposal.executedAt !== null,
        },
      ]);
    }
    const firstEpochOf = new Map(firstEpochs.map((row) => [row.node_id, row.first_epoch]));
    const availabilityOf = new Map(availability.map((row) => [row.node_id, row]));
    const attestationsOf = new Map(attestations.map((row) => [row.node_id, row]));
    const handoffsOf = new Map<string, HandoffSample[]>();
    for (const row of handoffs) {
      handoffsOf.set(row.node_id, [
        ...(handoffsOf.get(row.node_id) ?? []),
        {
          epoch: row.epoch,
          receivedBytes: BigInt(row.receive_bytes),
          syncSeconds: row.sync_seconds,
          medianSecondsPerGb: row.median_seconds_per_gb,
        },
      ]);
    }
    return new Map(
      nodeIds.map((nodeId) => {
        const polls = availabilityOf.get(nodeId);
        const attestation = attestationsOf.get(nodeId);
        const firstEpoch = firstEpochOf.get(nodeId);
        return [
          nodeId,
          {
            polls: Number(polls?.polls ?? 0),
            reachablePolls: Number(polls?.reachable_polls ?? 0),
            activePolls: Number(polls?.active_polls ?? 0),
            readyShareSum: polls?.ready_share_sum ?? 0,
            handoffs: handoffsOf.get(nodeId) ?? [],
            epochsInCommittee: Number(attestation?.in_committee ?? 0),
            epochsAttested: Number(attestation?.attested ?? 0),
            denyListSize: BigInt(system?.deny_list_sizes[nodeId] ?? '0'),
            usedCapacity: BigInt(system?.used_capacity_size ?? '0'),
            slashingProposals: slashingOf.get(nodeId) ?? [],
            epochsWithPool:
              firstEpoch === undefined ? 0 : Math.max(0, toEpoch - Math.max(fromEpoch, firstEpoch) + 1),
            nShards,
          },
        ];
      }),
    );
  },
};
