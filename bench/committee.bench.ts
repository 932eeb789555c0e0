import { dhondt } from 'src/domain/committee/apportionment';
import { computeNextCommittee, type Committee, type StakedCandidate } from 'src/domain/committee/committee';
import { seededRandom } from 'src/devnet/seeded-random';
import { parseNodeId } from 'src/domain/shared/node-id';

/**
 * Median time of the next-committee computation (apportionment + transition from a current
 * committee), as `voting_end` performs it, for mainnet-sized and very large networks.
 */

interface Scenario {
  readonly name: string;
  readonly candidates: number;
  readonly nShards: number;
  readonly runs: number;
  readonly targetMs: number;
}

const SCENARIOS: Scenario[] = [
  { name: 'mainnet, deployed active-set limit', candidates: 111, nShards: 1000, runs: 3000, targetMs: 1 },
  { name: 'mainnet, main active-set limit', candidates: 150, nShards: 1000, runs: 3000, targetMs: 1 },
  { name: 'large', candidates: 10_000, nShards: 100_000, runs: 40, targetMs: 100 },
];

/** 3·10^9 WAL staked in all (of a 5·10^9 supply), spread log-uniformly over three orders of magnitude. */
const TOTAL_STAKED_FROST = 3_000_000_000n * 1_000_000_000n;

function candidates(count: number, seed: number): StakedCandidate[] {
  const next = seededRandom(seed);
  const weights = Array.from({ length: count }, () => BigInt(Math.floor(10 ** (3 + 3 * next()))));
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  return weights.map((weight, i) => ({
    nodeId: parseNodeId(`0x${(BigInt(i + 1) * 0x9e3779b97f4a7c15n).toString(16).slice(-64)}`),
    stake: (TOTAL_STAKED_FROST * weight) / weightSum,
  }));
}

/** The previous epoch's committee: same candidates, stakes moved by up to ±20%. */
function previousCommittee(activeSet: StakedCandidate[], nShards: number, seed: number): Committee {
  const next = seededRandom(seed);
  const shifted = activeSet.map((c) => ({
    ...c,
    stake: (c.stake * BigInt(Math.floor(80 + 40 * next()))) / 100n,
  }));
  return computeNextCommittee({ nShards, activeSet: shifted, currentCommittee: [] }).committee;
}

function measure(runs: number, fn: () => void): number[] {
  for (let i = 0; i < Math.min(50, runs); i++) {
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function format(ms: number): string {
  return ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

function main(): void {
  console.log(`bench:committee  node ${process.version}  (median of N runs after warm-up)`);
  let failed = false;
  for (const scenario of SCENARIOS) {
    const activeSet = candidates(scenario.candidates, 7);
    const currentCommittee = previousCommittee(activeSet, scenario.nShards, 11);
    const stakes = activeSet.map((c) => c.stake);

    const total = measure(scenario.runs, () => {
      computeNextCommittee({ nShards: scenario.nShards, activeSet, currentCommittee });
    });
    const apportionment = measure(scenario.runs, () => {
      dhondt({ nShards: scenario.nShards, stakes });
    });
    const median = quantile(total, 0.5);
    const withinTarget = median < scenario.targetMs;
    failed ||= !withinTarget;
    console.log(
      [
        `${scenario.name}: ${scenario.candidates} candidates × ${scenario.nShards} shards, N=${scenario.runs}`,
        `  next committee  median ${format(median)}  p90 ${format(quantile(total, 0.9))}  min ${format(total[0] ?? 0)}`,
        `  of which d'Hondt median ${format(quantile(apportionment, 0.5))}`,
        `  target < ${scenario.targetMs} ms: ${withinTarget ? 'met' : 'MISSED'} (${(scenario.targetMs / median).toFixed(1)}× headroom)`,
      ].join('\n'),
    );
  }
  process.exitCode = failed ? 1 : 0;
}

main();
