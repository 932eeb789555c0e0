import { blake2b } from '@noble/hashes/blake2.js';
import { bcs } from '@mysten/sui/bcs';
import { committeeDigest, rewardsDigest, toHex } from 'src/domain/reports/report-digests';

// The report digests are hashed over hand-written BCS; @mysten/sui's encoder is the oracle.
const Entry = bcs.struct('Entry', { node_id: bcs.Address, shards: bcs.vector(bcs.u16()) });
const Reward = bcs.struct('Reward', { node_id: bcs.Address, reward: bcs.u64() });
const id = (byte: number) => `0x${byte.toString(16).padStart(2, '0').repeat(32)}`;

describe('epoch report digests', () => {
  it('hash the committee as BCS(vector<Entry>) sorted by node ID, shards ascending', () => {
    const committee = [
      { nodeId: id(0xb0), shards: [7, 3, 999] },
      { nodeId: id(0x0a), shards: Array.from({ length: 200 }, (_, shard) => 400 - shard) },
    ];
    const bytes = bcs
      .vector(Entry)
      .serialize([
        { node_id: id(0x0a), shards: Array.from({ length: 200 }, (_, shard) => 201 + shard) },
        { node_id: id(0xb0), shards: [3, 7, 999] },
      ])
      .toBytes();
    expect(toHex(committeeDigest(committee))).toBe(toHex(blake2b(bytes, { dkLen: 32 })));
  });

  it('hash the rewards as BCS(vector<Reward>) sorted by node ID; no rewards hash the empty vector', () => {
    const rewards = [
      { nodeId: id(0xff), reward: 18_446_744_073_709_551_615n },
      { nodeId: '0x5', reward: 1n },
    ];
    const bytes = bcs
      .vector(Reward)
      .serialize([
        { node_id: '0x5', reward: 1n },
        { node_id: id(0xff), reward: 18_446_744_073_709_551_615n },
      ])
      .toBytes();
    expect(toHex(rewardsDigest(rewards))).toBe(toHex(blake2b(bytes, { dkLen: 32 })));
    expect(toHex(rewardsDigest([]))).toBe(toHex(blake2b(new Uint8Array([0]), { dkLen: 32 })));
  });

  it('refuses what is not a node ID or a shard', () => {
    expect(() => committeeDigest([{ nodeId: 'node-1', shards: [1] }])).toThrow('not a 32-byte object ID');
    expect(() => committeeDigest([{ nodeId: id(1), shards: [70_000] }])).toThrow('not a shard index');
  });
});
