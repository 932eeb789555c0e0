import { maxShardsPerNode } from 'src/domain/committee/apportionment';
import { ActiveSet, type ActiveSetEntry } from 'src/domain/committee/active-set';
import { apportionActiveSet } from 'src/domain/committee/committee';
import type { NodeId } from 'src/domain/shared/node-id';

/** Where a node stands in the committee the active set would select now. */
export interface StakeOutlook {
  /** 1-based rank by stake in the active set; null outside it. */
  readonly rank: number | null;
  readonly activeSetSize: number;
  /** Shards the node would get if the committee were selected from this active set. */
  readonly shards: number;
  /** Most shards one node may get (10% of the shards from 20 candidates on). */
  readonly shardCap: number;
  readonly saturated: boolean;
  /** The smallest stake that still earns a shard: below it, a node leaves the committee. */
  readonly smallestStakeWithShards: bigint | null;
  /**
   * Stake over the distribution number total/(n_shards+1)+1: the shards its stake guarantees before
   * the d'Hondt rounds. Below 1, not even one shard is guaranteed. Null outside the active set.
   */
  readonly guaranteedShards: number | null;
}

export function stakeOutlook(
  nShards: number,
  activeSet: readonly ActiveSetEntry[],
  nodeId: NodeId,
): StakeOutlook {
  const distribution = apportionActiveSet(nShards, activeSet);
  const shardCap = activeSet.length === 0 ? 0 : maxShardsPerNode(activeSet.length, nShards);
  const shards = distribution.find((entry) => entry.nodeId === nodeId)?.shards ?? 0;
  const stakes = new Map(activeSet.map((entry) => [entry.nodeId, entry.stake]));
  const withShards = distribution.map((entry) => stakes.get(entry.nodeId) ?? 0n);
  const ranked = [...activeSet].sort((a, b) => (a.stake > b.stake ? -1 : a.stake < b.stake ? 1 : 0));
  const index = ranked.findIndex((entry) => entry.nodeId === nodeId);
  const own = stakes.get(nodeId);
  const total = activeSet.reduce((sum, entry) => sum + entry.stake, 0n);
  const distributionNumber = total / BigInt(nShards + 1) + 1n;
  return {
    rank: index < 0 ? null : index + 1,
    guaranteedShards: own === undefined ? null : Number((own * 1_000_000n) / distributionNumber) / 1_000_000,
    activeSetSize: activeSet.length,
    shards,
    shardCap,
    saturated: shards > 0 && shards >= shardCap,
    smallestStakeWithShards: withShards.length === 0 ? null : withShards.reduce((a, b) => (a < b ? a : b)),
  };
}

export interface StakeSimulation {
  readonly before: StakeOutlook;
  readonly after: StakeOutlook;
  /**
   * Rewards per staked WAL after the stake relative to before (shard weight earns rewards, stake
   * shares them): 0.9 means each WAL on the node would earn 10% less.
   */
  readonly yieldPerWalRatio: number | null;
}

/**
 * What adding `amount` to a node's stake does to the committee the active set selects: the active
 * set updated as `insert_or_update` would (the node may enter it or displace another), then the
 * apportionment redone.
 */
export function simulateStake(
  nShards: number,
  activeSet: {
    readonly maxSize: number;
    readonly thresholdStake: bigint;
    readonly entries: readonly ActiveSetEntry[];
  },
  nodeId: NodeId,
  currentStake: bigint,
  amount: bigint,
): StakeSimulation {
  const before = stakeOutlook(nShards, activeSet.entries, nodeId);
  const updated = new ActiveSet(activeSet.maxSize, activeSet.thresholdStake, activeSet.entries);
  const stakeBefore = updated.stakeOf(nodeId) ?? currentStake;
  const stakeAfter = stakeBefore + amount;
  updated.insertOrUpdate(nodeId, stakeAfter);
  const after = stakeOutlook(nShards, updated.entries, nodeId);
  const yieldPerWal = (shards: number, stake: bigint) => (stake === 0n ? 0 : shards / Number(stake));
  const baseline = yieldPerWal(before.shards, stakeBefore);
  return {
    before,
    after,
    yieldPerWalRatio: baseline === 0 ? null : yieldPerWal(after.shards, stakeAfter) / baseline,
  };
}
