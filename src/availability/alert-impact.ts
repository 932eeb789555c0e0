import type { EntityManager } from 'typeorm';
import { verdictSentence } from 'src/domain/availability/availability';
import { formatWholeWal } from 'src/domain/shared/wal';
import type { AlertCondition } from 'src/store/alerts/alert.repository';
import { AvailabilityRepository } from 'src/store/availability/availability.repository';
import { PoolRepository } from 'src/store/pools/pool.repository';
import { StakedWalRepository } from 'src/store/positions/staked-wal.repository';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';

/**
 * Gives each alert about a node what its receiver needs to route and weigh it: the node's name as
 * the operator, the shards it holds, its stake and delegators, and what the network can do now
 * (the latest availability verdict) — in the details, and as a sentence after the summary.
 */
export async function withImpact(
  manager: EntityManager,
  epoch: number,
  conditions: readonly AlertCondition[],
): Promise<AlertCondition[]> {
  const nodes = [
    ...new Set(conditions.map((condition) => condition.subject).filter((subject) => subject !== 'network')),
  ];
  if (conditions.length === 0) {
    return [];
  }
  // One connection per transaction: the reads run one after the other.
  const names = await PoolRepository.names(manager, nodes);
  const stakes = await PoolRepository.latestStakes(manager, nodes);
  const delegators = await StakedWalRepository.delegatorCounts(manager, nodes);
  const members = await StakingStateRepository.members(manager, epoch);
  const verdict = await AvailabilityRepository.verdictAt(manager);
  const shards = new Map(members.map((member) => [member.nodeId, member.shards.length]));
  const network =
    verdict === undefined
      ? { sentence: undefined, details: {} }
      : {
          sentence: verdictSentence(verdict),
          details: {
            shardsAvailable: verdict.shardsAvailable,
            writeThreshold: verdict.writeThreshold,
            readThreshold: verdict.readThreshold,
            canRead: verdict.canRead,
            canWrite: verdict.canWrite,
            writesFailAfterNodes: verdict.writesFailAfterNodes,
          },
        };
  return conditions.map((condition) => {
    if (condition.subject === 'network') {
      return {
        ...condition,
        summary:
          network.sentence === undefined ? condition.summary : `${condition.summary}; ${network.sentence}`,
        details: { ...condition.details, ...network.details },
      };
    }
    const name = names.get(condition.subject) ?? condition.subject;
    const stake = stakes.get(condition.subject) ?? 0n;
    const holders = delegators.get(condition.subject) ?? 0;
    const held = shards.get(condition.subject) ?? 0;
    const impact =
      `${held} shards, ${formatWholeWal(stake)} WAL staked by ${holders} ` +
      `delegator${holders === 1 ? '' : 's'}` +
      (network.sentence === undefined ? '' : `; ${network.sentence}`);
    return {
      ...condition,
      summary: `${condition.summary} (${impact})`,
      details: {
        ...condition.details,
        node: condition.subject,
        name,
        operator: name,
        shards: held,
        stakeAffected: stake.toString(),
        delegatorsAffected: holders,
        ...network.details,
      },
    };
  });
}
