import { CliInputError } from 'src/cli/cli-input.error';
import type { Committee, CommitteeMember, ShardCount, StakedCandidate } from 'src/domain/committee/committee';
import { DomainError } from 'src/domain/shared/domain.error';
import { describeMoveAbort, MOVE_ABORTS, type MoveAbort } from 'src/domain/shared/move-abort';
import { assertUniqueNodeIds, parseNodeId, sortByNodeId, type NodeId } from 'src/domain/shared/node-id';
import { U64_MAX } from 'src/domain/shared/u64';

/** Far beyond any real network (the contract stores n_shards as u16), small enough to stay fast. */
export const MAX_CLI_SHARDS = 1_000_000;

export type CommitteeNextRequest =
  | {
      readonly kind: 'next';
      readonly nShards: number;
      readonly activeSet: StakedCandidate[];
      readonly currentCommittee: Committee;
    }
  | {
      readonly kind: 'transition';
      readonly current: Committee;
      readonly distribution: ShardCount[];
    };

const NEXT_KEYS = new Set(['nShards', 'activeSet', 'currentCommittee']);
const TRANSITION_KEYS = new Set(['current', 'distribution']);

/**
 * Turns the JSON of `tusk committee next` into domain values, refusing anything the contract could
 * not hold, with a message that points at the offending field.
 */
export function parseCommitteeNextRequest(json: unknown): CommitteeNextRequest {
  if (!isRecord(json)) {
    throw new CliInputError('the input must be a JSON object');
  }
  const keys = Object.keys(json);
  const isTransition = keys.some((key) => TRANSITION_KEYS.has(key));
  const allowed = isTransition ? TRANSITION_KEYS : NEXT_KEYS;
  const unknown = keys.filter((key) => !allowed.has(key));
  if (unknown.length > 0) {
    throw new CliInputError(
      `unexpected field ${JSON.stringify(unknown[0])}: give either {nShards, activeSet, currentCommittee} or {current, distribution}`,
    );
  }
  return isTransition ? parseTransition(json) : parseNext(json);
}

function parseNext(json: Record<string, unknown>): CommitteeNextRequest {
  const nShards = json.nShards;
  if (typeof nShards !== 'number' || !Number.isInteger(nShards) || nShards < 0 || nShards > MAX_CLI_SHARDS) {
    throw new CliInputError(
      `nShards must be a whole number from 0 to ${MAX_CLI_SHARDS}, got ${describe(nShards)}`,
    );
  }
  const activeSet = arrayField(json, 'activeSet').map((entry, index) =>
    parseCandidate(entry, `activeSet[${index}]`),
  );
  rejectDuplicates(activeSet, 'activeSet', MOVE_ABORTS.duplicateInsertion);
  const total = activeSet.reduce((sum, candidate) => sum + candidate.stake, 0n);
  if (total > U64_MAX) {
    throw new CliInputError(
      `the active set's total stake ${total} exceeds u64: the contract's sum would overflow`,
    );
  }
  if (total === 0n) {
    throw new CliInputError(
      `the active set's total stake is zero, nothing to apportion (on-chain abort ${describeMoveAbort(MOVE_ABORTS.noStake)})`,
    );
  }

  const currentCommittee =
    json.currentCommittee === undefined || json.currentCommittee === null
      ? []
      : parseCommittee(arrayField(json, 'currentCommittee'), 'currentCommittee', nShards);
  if (currentCommittee.length > 0) {
    const held = countShards(currentCommittee);
    if (held !== nShards) {
      throw new CliInputError(
        `currentCommittee holds ${held} shards but nShards is ${nShards} (on-chain abort ${describeMoveAbort(MOVE_ABORTS.invalidShardAssignment)})`,
      );
    }
  }
  return { kind: 'next', nShards, activeSet, currentCommittee };
}

function parseTransition(json: Record<string, unknown>): CommitteeNextRequest {
  if (json.current === undefined || json.distribution === undefined) {
    throw new CliInputError('a transition needs both "current" and "distribution"');
  }
  const current = parseCommittee(arrayField(json, 'current'), 'current', undefined);
  const distribution = arrayField(json, 'distribution').map((entry, index) =>
    parseShardCount(entry, `distribution[${index}]`),
  );
  rejectDuplicates(distribution, 'distribution', MOVE_ABORTS.vecMapKeyAlreadyExists);
  const held = countShards(current);
  const placed = distribution.reduce((sum, entry) => sum + entry.shards, 0);
  if (held !== placed) {
    throw new CliInputError(
      `distribution places ${placed} shards but current holds ${held} (on-chain abort ${describeMoveAbort(MOVE_ABORTS.invalidShardAssignment)})`,
    );
  }
  return { kind: 'transition', current, distribution };
}

function parseCandidate(entry: unknown, path: string): StakedCandidate {
  const record = objectAt(entry, path, ['nodeId', 'stake']);
  return { nodeId: nodeIdAt(record.nodeId, `${path}.nodeId`), stake: frostAt(record.stake, `${path}.stake`) };
}

function parseShardCount(entry: unknown, path: string): ShardCount {
  const record = objectAt(entry, path, ['nodeId', 'shards']);
  const shards = record.shards;
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 0 || shards > MAX_CLI_SHARDS) {
    throw new CliInputError(`${path}.shards must be a whole number of shards ≥ 0, got ${describe(shards)}`);
  }
  return { nodeId: nodeIdAt(record.nodeId, `${path}.nodeId`), shards };
}

/**
 * A committee as the chain stores it: sorted by node ID. Input in another order is sorted, which is
 * the order the contract would have iterated it in.
 */
function parseCommittee(entries: unknown[], field: string, nShards: number | undefined): Committee {
  const members: CommitteeMember[] = entries.map((entry, index) => {
    const path = `${field}[${index}]`;
    const record = objectAt(entry, path, ['nodeId', 'shards']);
    if (!Array.isArray(record.shards)) {
      throw new CliInputError(
        `${path}.shards must be an array of shard indices, got ${describe(record.shards)}`,
      );
    }
    const shards = record.shards.map((shard: unknown, shardIndex) => {
      const limit = nShards ?? MAX_CLI_SHARDS;
      if (typeof shard !== 'number' || !Number.isInteger(shard) || shard < 0 || shard >= limit) {
        throw new CliInputError(
          `${path}.shards[${shardIndex}] must be a shard index from 0 to ${limit - 1}, got ${describe(shard)}`,
        );
      }
      return shard;
    });
    return { nodeId: nodeIdAt(record.nodeId, `${path}.nodeId`), shards };
  });
  rejectDuplicates(members, field, MOVE_ABORTS.vecMapKeyAlreadyExists);

  const owner = new Map<number, NodeId>();
  for (const member of members) {
    for (const shard of member.shards) {
      const previous = owner.get(shard);
      if (previous !== undefined) {
        throw new CliInputError(
          `${field} assigns shard ${shard} twice (to ${previous} and ${member.nodeId})`,
        );
      }
      owner.set(shard, member.nodeId);
    }
  }
  return sortByNodeId(members);
}

function nodeIdAt(value: unknown, path: string): NodeId {
  if (typeof value !== 'string') {
    throw new CliInputError(`${path} must be a Sui address string, got ${describe(value)}`);
  }
  try {
    return parseNodeId(value);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliInputError(`${path}: ${error.message}`);
    }
    throw error;
  }
}

/** Stakes are FROST amounts: decimal strings (or JSON numbers small enough to be exact). */
function frostAt(value: unknown, path: string): bigint {
  let amount: bigint | undefined;
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    amount = BigInt(value);
  } else if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    amount = BigInt(value);
  }
  if (amount === undefined) {
    const hint =
      typeof value === 'number' && Number.isInteger(value) && value > 0
        ? ' (write large amounts as strings)'
        : '';
    throw new CliInputError(
      `${path} must be a whole, non-negative amount of FROST, got ${describe(value)}${hint}`,
    );
  }
  if (amount > U64_MAX) {
    throw new CliInputError(`${path} is ${amount}, more than a u64 can hold`);
  }
  return amount;
}

function rejectDuplicates(items: readonly { nodeId: NodeId }[], field: string, moveAbort: MoveAbort): void {
  try {
    assertUniqueNodeIds(items, field, moveAbort);
  } catch (error) {
    if (error instanceof DomainError) {
      throw new CliInputError(error.message);
    }
    throw error;
  }
}

function countShards(committee: Committee): number {
  return committee.reduce((sum, member) => sum + member.shards.length, 0);
}

function arrayField(json: Record<string, unknown>, field: string): unknown[] {
  const value = json[field];
  if (!Array.isArray(value)) {
    throw new CliInputError(`${field} must be an array, got ${describe(value)}`);
  }
  return value;
}

function objectAt(value: unknown, path: string, keys: string[]): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new CliInputError(`${path} must be an object with ${keys.join(' and ')}, got ${describe(value)}`);
  }
  const extra = Object.keys(value).find((key) => !keys.includes(key));
  if (extra !== undefined) {
    throw new CliInputError(`${path} has an unexpected field ${JSON.stringify(extra)}`);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
