import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The Walrus Move unit-test vectors, shared beside the repository (`../shared/vectors`). A missing
 * file fails the suite: these vectors are the proof that the domain core matches the contract.
 */
export const MOVE_VECTORS_PATH = resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'vectors',
  'walrus-move-tests.json',
);

export interface DhondtVector {
  nShards: number;
  stakes: string[];
  expected: number[];
}

export interface DhondtAbortVector {
  nShards: number;
  stakes: string[];
  abort: string;
}

export interface CommitteeVectorMember {
  nodeId: string;
  shards: number[];
}

export interface CommitteeVector {
  name: string;
  op: 'initialize' | 'transition';
  current?: CommitteeVectorMember[];
  distribution: { nodeId: string; shards: number }[];
  expected?: CommitteeVectorMember[];
  abort?: string;
}

export interface VoteVector {
  fn: 'quorumAbove' | 'quorumBelow';
  nShards: number;
  votes: { value: number; weight: number }[];
  expected: number;
}

export interface CapacityVector {
  fn: 'capacity';
  nShards: number;
  capacityVotes: number[];
  weights: number[];
  expected: number;
}

export interface PricesVector {
  fn: 'prices';
  nShards: number;
  rounds: { votes: number[]; expected: number }[];
}

export interface ActiveSetVector {
  maxSize: number;
  ops: ['insert', number, number][];
  expectedNodes: number[];
  expectedTotal: number;
}

export interface RewardsVector {
  bucket: number;
  burnBps: number;
  nodes: number;
  shardsEach: number;
  usedBytes: number;
  denyListBytes: number[];
  expectedPerNode: number[];
  expectedCarry: number;
}

export interface CommissionVector {
  expectedBps: number[];
}

export interface E2eComputeVector {
  nShards: number;
  stakesWal: string[];
  expected: number[];
}

export interface MoveVectors {
  dhondt: DhondtVector[];
  dhondtAborts: DhondtAbortVector[];
  committee: CommitteeVector[];
  quorum: (VoteVector | CapacityVector | PricesVector)[];
  activeSet: ActiveSetVector[];
  pool: { name: string; text: string }[];
  rewards: RewardsVector[];
  commission: CommissionVector[];
  e2eCompute: E2eComputeVector[];
}

export function loadMoveVectors(): MoveVectors {
  return JSON.parse(readFileSync(MOVE_VECTORS_PATH, 'utf8')) as MoveVectors;
}
