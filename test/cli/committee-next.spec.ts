import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { inputFile, runTusk } from 'test/support/run-cli';
import { loadMoveVectors } from 'test/support/move-vectors';

const vectors = loadMoveVectors();
const id = (n: number) => `0x${n.toString(16).padStart(64, '0')}`;

async function next(input: unknown) {
  return runTusk(['committee', 'next', '--input', inputFile(input)]);
}

describe('tusk committee next', () => {
  it('selects a first committee: distribution in active-set order, committee by node ID', async () => {
    const run = await next({
      nShards: 10,
      activeSet: [
        { nodeId: '0x3', stake: '4000' },
        { nodeId: '0x1', stake: '2000' },
        { nodeId: '0x2', stake: 1000 },
      ],
    });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({
      distribution: [
        { nodeId: id(3), shards: 6 },
        { nodeId: id(1), shards: 3 },
        { nodeId: id(2), shards: 1 },
      ],
      committee: [
        { nodeId: id(1), shards: [0, 1, 2] },
        { nodeId: id(2), shards: [3] },
        { nodeId: id(3), shards: [4, 5, 6, 7, 8, 9] },
      ],
    });
  });

  it('transitions from the current committee and leaves zero-shard candidates out', async () => {
    const run = await next({
      nShards: 4,
      activeSet: [
        { nodeId: id(2), stake: '1000000' },
        { nodeId: id(9), stake: '0' },
        { nodeId: id(1), stake: '1000000' },
      ],
      currentCommittee: [
        { nodeId: id(1), shards: [0, 1, 2] },
        { nodeId: id(2), shards: [3] },
      ],
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      distribution: [
        { nodeId: id(2), shards: 2 },
        { nodeId: id(1), shards: 2 },
      ],
      committee: [
        { nodeId: id(1), shards: [0, 1] },
        { nodeId: id(2), shards: [3, 2] },
      ],
    });
  });

  it.each(
    vectors.committee
      .filter((v) => v.op === 'transition' && v.abort === undefined)
      .map((v) => [v.name, v] as const),
  )('runs a transition alone: %s', async (_name, vector) => {
    const run = await next({ current: vector.current, distribution: vector.distribution });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ committee: vector.expected });
  });

  it('reads standard input with --input - and indents with --pretty', () => {
    const file = inputFile({ nShards: 2, activeSet: [{ nodeId: '0x1', stake: '5' }] });
    const binary = join(__dirname, '..', '..', 'bin', 'tusk.js');
    if (!existsSync(join(__dirname, '..', '..', 'dist', 'src', 'cli.js'))) {
      throw new Error('build the project (npm run build) before the CLI binary tests');
    }
    const stdout = execFileSync('node', [binary, 'committee', 'next', '--input', '-', '--pretty'], {
      input: execFileSync('cat', [file]),
    }).toString();
    expect(stdout).toContain('\n  "committee": [');
    expect(JSON.parse(stdout)).toEqual({
      distribution: [{ nodeId: id(1), shards: 2 }],
      committee: [{ nodeId: id(1), shards: [0, 1] }],
    });
  });

  describe('bad input exits 2 with one line naming the problem', () => {
    const base = { nShards: 10, activeSet: [{ nodeId: '0x1', stake: '10' }] };
    const twentyOne = Array.from({ length: 21 }, (_, i) => ({
      nodeId: `0x${(i + 1).toString(16)}`,
      stake: '1',
    }));

    it.each<[string, unknown, RegExp]>([
      ['malformed JSON', '{"nShards": 10, "activeSet": [', /is not valid JSON/],
      [
        'a bad address',
        { ...base, activeSet: [{ nodeId: '0xnothex', stake: '1' }] },
        /activeSet\[0\]\.nodeId: "0xnothex" is not a Sui address/,
      ],
      [
        'an address too long',
        { ...base, activeSet: [{ nodeId: `0x${'1'.repeat(65)}`, stake: '1' }] },
        /is not a Sui address/,
      ],
      [
        'duplicate node IDs',
        {
          ...base,
          activeSet: [
            { nodeId: '0x1', stake: '1' },
            { nodeId: '0x0001', stake: '2' },
          ],
        },
        /activeSet lists node 0x0+1 more than once \(on-chain abort walrus::active_set::EDuplicateInsertion, code 1\)/,
      ],
      [
        'a negative stake',
        { ...base, activeSet: [{ nodeId: '0x1', stake: '-5' }] },
        /activeSet\[0\]\.stake must be a whole, non-negative amount/,
      ],
      [
        'a fractional stake',
        { ...base, activeSet: [{ nodeId: '0x1', stake: 2.5 }] },
        /activeSet\[0\]\.stake must be a whole/,
      ],
      [
        'an imprecise number',
        { ...base, activeSet: [{ nodeId: '0x1', stake: 2 ** 60 }] },
        /write large amounts as strings/,
      ],
      [
        'a stake beyond u64',
        { ...base, activeSet: [{ nodeId: '0x1', stake: (2n ** 64n).toString() }] },
        /more than a u64/,
      ],
      [
        'zero total stake',
        { ...base, activeSet: [{ nodeId: '0x1', stake: '0' }] },
        /total stake is zero.*walrus::staking_inner::ENoStake, code 3/,
      ],
      [
        'a shard-sum mismatch',
        { ...base, currentCommittee: [{ nodeId: '0x1', shards: [0, 1] }] },
        /currentCommittee holds 2 shards but nShards is 10 \(on-chain abort walrus::committee::EInvalidShardAssignment, code 0\)/,
      ],
      [
        'a transition whose sums differ',
        { current: [{ nodeId: '0x1', shards: [0] }], distribution: [{ nodeId: '0x2', shards: 2 }] },
        /distribution places 2 shards but current holds 1.*EInvalidShardAssignment/,
      ],
      [
        'a cap of zero shards',
        { nShards: 5, activeSet: twentyOne },
        /capped at 0 shards each cannot hold 5 shards \(on-chain abort walrus::apportionment_queue::EPopFromEmptyHeap, code 0\)/,
      ],
      [
        'a shard held twice',
        { nShards: 2, activeSet: base.activeSet, currentCommittee: [{ nodeId: '0x1', shards: [0, 0] }] },
        /assigns shard 0 twice/,
      ],
      [
        'a shard out of range',
        { nShards: 2, activeSet: base.activeSet, currentCommittee: [{ nodeId: '0x1', shards: [0, 7] }] },
        /shards\[1\] must be a shard index from 0 to 1/,
      ],
      ['a missing nShards', { activeSet: base.activeSet }, /nShards must be a whole number/],
      ['an unknown field', { ...base, activeset: [] }, /unexpected field "activeset"/],
      ['a JSON array', [], /must be a JSON object/],
    ])('%s', async (_what, input, message) => {
      const run = await next(input);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    it('a missing file', async () => {
      const run = await runTusk(['committee', 'next', '--input', '/nonexistent/tusk.json']);
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toBe('tusk: cannot read /nonexistent/tusk.json: ENOENT\n');
    });

    it('a missing --input option', async () => {
      const run = await runTusk(['committee', 'next']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/required option '-i, --input <file>'/);
    });

    it('the real binary exits 2 as well', () => {
      const binary = join(__dirname, '..', '..', 'bin', 'tusk.js');
      const result = spawnSync('node', [
        binary,
        'committee',
        'next',
        '--input',
        inputFile({ nShards: 3, activeSet: [] }),
      ]);
      expect(result.status).toBe(2);
      expect(result.stderr.toString()).toMatch(/^tusk: the active set's total stake is zero/);
    });
  });

  it('explains its commands with --help', async () => {
    const run = await runTusk(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/committee\s+compute Walrus committees/);
    expect(run.stdout).toMatch(/start \[options\]\s+start Tusk: the indexer and the API/);
    const sub = await runTusk(['committee', 'next', '--help']);
    expect(sub.stdout).toMatch(/--input <file>/);
  });
});
