import { activeSetPriorities, dhondt } from 'src/domain/committee/apportionment';
import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';
import { assertUniqueNodeIds, compareNodeIds, sortByNodeId, type NodeId } from 'src/domain/shared/node-id';

/** One entry of an apportionment: how many shards a node gets (the contract's `VecMap<ID, u16>`). */
export interface ShardCount {
  readonly nodeId: NodeId;
  readonly shards: number;
}

/** One committee member with its shard indices in stored order (the order matters for transitions). */
export interface CommitteeMember {
  readonly nodeId: NodeId;
  readonly shards: readonly number[];
}

/** A committee as the contract stores it: members sorted by node ID as u256. */
export type Committee = readonly CommitteeMember[];

export interface StakedCandidate {
  readonly nodeId: NodeId;
  readonly stake: bigint;
}

/**
 * `committee::initialize`: the first committee. Members are ordered by node ID and handed shard
 * indices sequentially, so the lowest node ID gets shards 0..k−1.
 */
export function initializeCommittee(distribution: readonly ShardCount[]): Committee {
  assertUniqueNodeIds(distribution, 'the distribution');
  let nextShard = 0;
  return sortByNodeId(distribution).map(({ nodeId, shards }) => {
    const indices = new Array<number>(shards);
    for (let i = 0; i < shards; i++) {
      indices[i] = nextShard++;
    }
    return { nodeId, shards: indices };
  });
}

/**
 * `committee::transition`: moves as few shards as possible from `current` to a committee with the
 * given shard counts. Members whose count is unchanged keep their shards; shrinking members give up
 * their most recently appended shards; members that grow, and new members, take the most recently
 * freed shards first. Whoever needs shards is served in this order: nodes new to the committee in
 * distribution (active-set) order, then growing members in node-ID order.
 */
export function transitionCommittee(current: Committee, distribution: readonly ShardCount[]): Committee {
  assertUniqueNodeIds(current, 'the current committee');
  assertUniqueNodeIds(distribution, 'the distribution');

  const assigned = new Map<NodeId, number>();
  let newTotal = 0;
  for (const { nodeId, shards } of distribution) {
    assigned.set(nodeId, shards);
    newTotal += shards;
  }

  const result: CommitteeMember[] = [];
  const freed: number[] = [];
  const growing: ShardCount[] = [];
  const currentShards = new Map<NodeId, readonly number[]>();
  let currentTotal = 0;

  for (const member of current) {
    currentShards.set(member.nodeId, member.shards);
    currentTotal += member.shards.length;
    const target = assigned.get(member.nodeId);
    assigned.delete(member.nodeId);
    const held = member.shards.length;
    if (target === undefined || target === 0) {
      for (const shard of member.shards) {
        freed.push(shard);
      }
    } else if (target === held) {
      result.push(member);
    } else if (target < held) {
      const kept = member.shards.slice(0, target);
      for (let i = held - 1; i >= target; i--) {
        freed.push(member.shards[i] as number);
      }
      result.push({ nodeId: member.nodeId, shards: kept });
    } else {
      growing.push({ nodeId: member.nodeId, shards: target });
    }
  }

  if (newTotal !== currentTotal) {
    throw new DomainError(
      'SHARD_SUM_MISMATCH',
      `the distribution places ${newTotal} shards but the current committee holds ${currentTotal}`,
      MOVE_ABORTS.invalidShardAssignment,
    );
  }

  // What is left of `assigned` keeps the distribution's order: the nodes new to the committee.
  const needing: ShardCount[] = [];
  for (const [nodeId, shards] of assigned) {
    needing.push({ nodeId, shards });
  }
  needing.push(...growing);

  for (const { nodeId, shards } of needing) {
    if (shards === 0) {
      continue;
    }
    const taken = [...(currentShards.get(nodeId) ?? [])];
    while (taken.length < shards) {
      taken.push(freed.pop() as number);
    }
    result.push({ nodeId, shards: taken });
  }

  return sortByNodeId(result);
}

export interface CommitteeDiff {
  /** Members of the first committee that are not in the second. */
  readonly onlyInFirst: NodeId[];
  /** Members of the second committee that are not in the first. */
  readonly onlyInSecond: NodeId[];
}

/** `committee::diff`: a merge over two committees sorted by node ID. */
export function diffCommittees(first: Committee, second: Committee): CommitteeDiff {
  assertSortedByNodeId(first, 'the first committee');
  assertSortedByNodeId(second, 'the second committee');
  const onlyInFirst: NodeId[] = [];
  const onlyInSecond: NodeId[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    const left = (first[i] as CommitteeMember).nodeId;
    const right = (second[j] as CommitteeMember).nodeId;
    const order = compareNodeIds(left, right);
    if (order === 0) {
      i++;
      j++;
    } else if (order < 0) {
      onlyInFirst.push(left);
      i++;
    } else {
      onlyInSecond.push(right);
      j++;
    }
  }
  for (; i < first.length; i++) {
    onlyInFirst.push((first[i] as CommitteeMember).nodeId);
  }
  for (; j < second.length; j++) {
    onlyInSecond.push((second[j] as CommitteeMember).nodeId);
  }
  return { onlyInFirst, onlyInSecond };
}

export function assertSortedByNodeId(committee: Committee, what: string): void {
  for (let i = 1; i < committee.length; i++) {
    if (
      compareNodeIds(
        (committee[i - 1] as CommitteeMember).nodeId,
        (committee[i] as CommitteeMember).nodeId,
      ) >= 0
    ) {
      throw new DomainError('INVALID_COMMITTEE', `${what} is not sorted by node ID without repeats`);
    }
  }
}

/**
 * `staking_inner::apportionment`: D'Hondt over the active set in its stored order, nodes with no
 * shards dropped. The result keeps active-set order, which `transition` depends on.
 */
export function apportionActiveSet(nShards: number, activeSet: readonly StakedCandidate[]): ShardCount[] {
  assertUniqueNodeIds(activeSet, 'the active set');
  const shards = dhondt({
    nShards,
    stakes: activeSet.map((candidate) => candidate.stake),
    priorities: activeSetPriorities(activeSet.length),
  });
  const distribution: ShardCount[] = [];
  activeSet.forEach((candidate, index) => {
    const count = shards[index] as number;
    if (count > 0) {
      distribution.push({ nodeId: candidate.nodeId, shards: count });
    }
  });
  return distribution;
}

export interface NextCommitteeInput {
  readonly nShards: number;
  /** The active set in its on-chain order. */
  readonly activeSet: readonly StakedCandidate[];
  /** The current committee; empty before the first selection. */
  readonly currentCommittee: Committee;
}

export interface NextCommittee {
  /** Shard counts in active-set order, without zero entries. */
  readonly distribution: ShardCount[];
  /** The selected committee, sorted by node ID. */
  readonly committee: Committee;
}

/** `staking_inner::compute_next_committee`: what `voting_end` would select right now. */
export function computeNextCommittee({
  nShards,
  activeSet,
  currentCommittee,
}: NextCommitteeInput): NextCommittee {
  const distribution = apportionActiveSet(nShards, activeSet);
  const committee =
    currentCommittee.length === 0
      ? initializeCommittee(distribution)
      : transitionCommittee(currentCommittee, distribution);
  return { distribution, committee };
}

/** The number of shards whose owner differs between two committees. */
export function countMovedShards(before: Committee, after: Committee): number {
  const ownerBefore = new Map<number, NodeId>();
  for (const member of before) {
    for (const shard of member.shards) {
      ownerBefore.set(shard, member.nodeId);
    }
  }
  let moved = 0;
  for (const member of after) {
    for (const shard of member.shards) {
      if (ownerBefore.get(shard) !== member.nodeId) {
        moved++;
      }
    }
  }
  return moved;
}
