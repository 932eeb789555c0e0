import type { INestApplication } from '@nestjs/common';
import { computeNextCommittee, countMovedShards } from 'src/domain/committee/committee';
import { nakamotoCoefficient } from 'src/domain/votes/concentration';
import { quorumBelow, selectCapacity } from 'src/domain/votes/quorum';
import type { Devnet } from 'src/devnet/devnet';
import { graphql as post } from 'test/support/graphql';
import { query, startIndexedApi, waitForWatermarks, type IndexedApi } from 'test/support/indexer-harness';

interface Member {
  nodeId: string;
  shards: number[];
  weight: number;
  stake: string | null;
}

describe('committee queries', () => {
  let api: IndexedApi;
  let app: INestApplication;
  let devnet: Devnet;
  let databaseUrl: string;

  const graphql = (query: string) => post(app, query);

  beforeAll(async () => {
    api = await startIndexedApi('node-churn', 11, 4);
    app = api.app;
    devnet = api.devnet;
    databaseUrl = api.databaseUrl;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  const MEMBERS = 'epoch predicted nShards members { nodeId shards weight stake }';

  it('returns the current and a past committee with shards in stored order and each pool’s stake', async () => {
    const network = devnet.network;
    const current = await graphql(`{ committee { ${MEMBERS} } }`);
    const committee = current.data?.committee as { epoch: number; predicted: boolean; members: Member[] };
    expect(committee.epoch).toBe(network.epoch);
    expect(committee.predicted).toBe(false);
    expect(committee.members.map(({ nodeId, shards }) => ({ nodeId, shards }))).toEqual(
      network.committee.map((member) => ({ nodeId: member.nodeId, shards: [...member.shards] })),
    );
    for (const member of committee.members) {
      expect(member.weight).toBe(member.shards.length);
      expect(member.stake).toBe(network.node(member.nodeId as never).pool.walBalance.toString());
    }
    const past = await graphql(`{ committee(epoch: ${network.epoch - 1}) { ${MEMBERS} } }`);
    expect((past.data?.committee as { members: Member[] }).members.map((m) => m.nodeId)).toEqual(
      network.previousCommittee.map((member) => member.nodeId),
    );
  });

  it('maps every shard to its owner', async () => {
    const response = await graphql('{ shardMap { shard nodeId } }');
    const owners = response.data?.shardMap as { shard: number; nodeId: string }[];
    expect(owners.map((owner) => owner.shard)).toEqual(
      Array.from({ length: devnet.network.nShards }, (_, i) => i),
    );
    for (const member of devnet.network.committee) {
      for (const shard of member.shards) {
        expect(owners[shard]?.nodeId).toBe(member.nodeId);
      }
    }
  });

  it('predicts the next committee before voting_end, then shows the chain’s, with every handoff', async () => {
    const network = devnet.network;
    const query = `{ nextCommittee { committee { ${MEMBERS} } change { movedShards moves { shard from to } nodes { nodeId membership gained lost kept } } } }`;
    const before = (await graphql(query)).data?.nextCommittee as {
      committee: { epoch: number; predicted: boolean; members: Member[] };
      change: { movedShards: number; moves: unknown[] };
    };
    expect(network.committeeSelected).toBe(false);
    const expected = computeNextCommittee({
      nShards: network.nShards,
      activeSet: network.activeSet.entries.map((entry) => ({ nodeId: entry.nodeId, stake: entry.stake })),
      currentCommittee: network.committee,
    }).committee;
    expect(before.committee).toMatchObject({ epoch: network.epoch + 1, predicted: true });
    expect(before.committee.members.map(({ nodeId, shards }) => ({ nodeId, shards }))).toEqual(
      expected.map((member) => ({ nodeId: member.nodeId, shards: [...member.shards] })),
    );
    expect(before.change.movedShards).toBe(countMovedShards(network.committee, expected));
    expect(before.change.moves).toHaveLength(before.change.movedShards);

    while (!network.committeeSelected) {
      devnet.tick();
    }
    await waitForWatermarks(databaseUrl, devnet.ledger.tip, 30_000);
    const after = (await graphql(query)).data?.nextCommittee as {
      committee: { predicted: boolean; members: Member[] };
      change: { movedShards: number };
    };
    const selected = network.nextCommittee ?? [];
    expect(after.committee.predicted).toBe(false);
    expect(after.committee.members.map(({ nodeId, shards }) => ({ nodeId, shards }))).toEqual(
      selected.map((member) => ({ nodeId: member.nodeId, shards: [...member.shards] })),
    );
    expect(after.change.movedShards).toBe(countMovedShards(network.committee, selected));
  });

  it('tallies the price and capacity votes as the contract does, naming the marginal voters', async () => {
    const network = devnet.network;
    const response = await graphql(`
      {
        governance {
          epoch
          votes {
            nodeId
            weight
            storagePrice
          }
          chainStoragePrice
          chainWritePrice
          chainCapacity
          nextEpochCapacity
          pricesAwaitUpdate
          storagePriceTally {
            value
            marginalNodeId
          }
          writePriceTally {
            value
            marginalNodeId
          }
          capacityTally {
            value
            marginalNodeId
          }
          storagePrice {
            value
          }
          capacityWeightsFromNextCommittee
          concentration {
            nakamotoBlocking
            nakamotoQuorum
            giniStake
            giniShards
          }
        }
      }
    `);
    expect(response.errors).toBeUndefined();
    const governance = response.data?.governance as Record<string, unknown>;
    const voters = network.committee.map((member) => ({ member, node: network.node(member.nodeId) }));
    const priceVotes = (pick: (votes: { storagePrice: bigint; writePrice: bigint }) => bigint) =>
      voters.map(({ member, node }) => ({ value: pick(node.votes), weight: member.shards.length }));
    const marginal = (votes: { value: bigint; weight: number }[], rule: typeof quorumBelow) => {
      const result = rule(votes, network.nShards);
      return { value: result.value.toString(), marginalNodeId: voters[result.marginalVote]?.member.nodeId };
    };
    expect(governance.storagePriceTally).toEqual(
      marginal(
        priceVotes((votes) => votes.storagePrice),
        quorumBelow,
      ),
    );
    expect(governance.storagePrice).toEqual({
      value: (governance.storagePriceTally as { value: string }).value,
    });
    expect(governance.writePriceTally).toEqual(
      marginal(
        priceVotes((votes) => votes.writePrice),
        quorumBelow,
      ),
    );
    const capacityCommittee = network.nextCommittee ?? network.committee;
    const capacity = selectCapacity(
      capacityCommittee.map((member) => ({
        nodeCapacity: network.node(member.nodeId).votes.nodeCapacity,
        weight: member.shards.length,
      })),
      network.nShards,
    );
    expect(governance.capacityTally).toEqual({
      value: capacity.value.toString(),
      marginalNodeId: capacityCommittee[capacity.marginalVote]?.nodeId,
    });
    const shards = network.committee.map((member) => member.shards.length);
    expect(governance.concentration).toMatchObject({
      nakamotoBlocking: nakamotoCoefficient(shards, 334),
      nakamotoQuorum: nakamotoCoefficient(shards, 667),
    });
  });

  it('shows the prices and capacity in force, which lag votes cast without update_prices or after voting_end', async () => {
    const network = devnet.network;
    const fields = `chainStoragePrice chainWritePrice chainCapacity nextEpochCapacity pricesAwaitUpdate
      storagePriceTally { value } writePriceTally { value } capacityTally { value }`;
    const response = await graphql(
      `{ now: governance { ${fields} } before: governance(epoch: 3) { ${fields} } }`,
    );
    expect(response.errors).toBeUndefined();
    type Governance = {
      chainStoragePrice: string;
      chainWritePrice: string;
      chainCapacity: string;
      nextEpochCapacity: string | null;
      pricesAwaitUpdate: boolean;
      storagePriceTally: { value: string };
      writePriceTally: { value: string };
      capacityTally: { value: string };
    };
    const { now, before } = response.data as { now: Governance; before: Governance };
    // node-churn: in epoch 4 a quorum lowered its price votes without update_prices.
    expect(now).toMatchObject({
      chainStoragePrice: network.storagePrice.toString(),
      chainWritePrice: network.writePrice.toString(),
      chainCapacity: network.totalCapacity.toString(),
      nextEpochCapacity: network.nextEpochCapacity?.toString() ?? null,
      pricesAwaitUpdate: true,
      storagePriceTally: { value: '9000' },
      writePriceTally: { value: '15000' },
    });
    expect(now.chainStoragePrice).not.toBe('9000');
    const prices = await query<{ storage_price_per_unit_size: string; write_price_per_unit_size: string }>(
      databaseUrl,
      'SELECT storage_price_per_unit_size, write_price_per_unit_size FROM system_state WHERE epoch = 3',
    );
    expect(before).toMatchObject({
      chainStoragePrice: prices[0]?.storage_price_per_unit_size,
      chainWritePrice: prices[0]?.write_price_per_unit_size,
      storagePriceTally: { value: prices[0]?.storage_price_per_unit_size },
      pricesAwaitUpdate: false,
    });
    // Epoch 4 started with epoch 3's frozen capacity or the capacity in use, the larger; the
    // capacity votes raised after epoch 3's voting_end changed the tally, not the frozen value.
    expect(BigInt(now.chainCapacity)).toBeGreaterThanOrEqual(BigInt(before.nextEpochCapacity ?? -1));
    expect(BigInt(before.capacityTally.value)).toBeGreaterThan(BigInt(before.nextEpochCapacity ?? 0));
  });

  it('counts an upgrade vote to its quorum, follows the upgrade and recognises the new package’s types', async () => {
    const network = devnet.network;
    const response = await graphql(`
      {
        governance(epoch: 4) {
          upgradeProposals {
            digest
            epoch
            packageVersion
            status
            votingWeight
            quorumReached
            weightNeeded
            voters {
              nodeId
              weight
            }
            nonVoters {
              nodeId
            }
            authorizedAt
          }
          contractUpgrades {
            epoch
            packageId
            version
          }
          migrationEpoch
        }
      }
    `);
    expect(response.errors).toBeUndefined();
    const governance = response.data?.governance as {
      upgradeProposals: {
        digest: string;
        status: string;
        packageVersion: string;
        votingWeight: number;
        quorumReached: boolean;
        voters: { nodeId: string; weight: number }[];
        nonVoters: { nodeId: string }[];
        authorizedAt: string | null;
      }[];
      contractUpgrades: { epoch: number; packageId: string; version: string }[];
      migrationEpoch: number | null;
    };
    // set_migration_epoch in epoch 4 marked epoch 5; the deployed migrate leaves the field.
    expect(governance.migrationEpoch).toBe(5);
    // node-churn: seven members vote for 0xabab… in epoch 4, and the upgrade follows at once.
    const [proposal] = governance.upgradeProposals;
    const committee = await query<{ node_id: string; shard_count: number; name: string }>(
      databaseUrl,
      `SELECT m.node_id, m.shard_count, n.name FROM committee_member m JOIN storage_node n USING (node_id)
       WHERE m.epoch = 4`,
    );
    const voters = committee.filter((member) => /^node-[1-7]$/.test(member.name));
    expect(proposal).toMatchObject({
      digest: `0x${'ab'.repeat(32)}`,
      status: 'AUTHORIZED',
      packageVersion: '2',
      quorumReached: true,
      votingWeight: voters.reduce((total, member) => total + member.shard_count, 0),
    });
    expect(proposal?.authorizedAt).not.toBeNull();
    expect(new Set(proposal?.voters.map((voter) => voter.nodeId))).toEqual(
      new Set(voters.map((v) => v.node_id)),
    );
    expect(proposal?.nonVoters).toHaveLength(committee.length - voters.length);
    const upgraded = network.upgrades.packages[1];
    expect(governance.contractUpgrades).toEqual([{ epoch: 4, packageId: upgraded, version: '3' }]);
    // The protocol-version event carries the new package's address, which Tusk learnt on the fly;
    // the quorum event repeats per vote past the quorum and is stored as it came.
    const events = await query<{ type: string; move_type: string; data: Record<string, unknown> | null }>(
      databaseUrl,
      `SELECT type, move_type, data FROM walrus_event
       WHERE type IN ('ProtocolVersionUpdated', 'ContractUpgradeQuorumReached') ORDER BY checkpoint, event_index`,
    );
    const protocol = events.find((event) => event.type === 'ProtocolVersionUpdated');
    expect(protocol?.move_type).toBe(`${network.deployment.packageId}::events::ProtocolVersionUpdated`);
    expect(protocol?.data).toMatchObject({ epoch: 4, start_epoch: 5, protocol_version: '2' });
    expect(events.filter((event) => event.type === 'ContractUpgradeQuorumReached').length).toBeGreaterThan(1);
  });

  it('tallies slashing proposals by the voters’ shards, naming who has not voted', async () => {
    const response = await graphql(`
      {
        governance(epoch: 3) {
          slashingProposals {
            candidateName
            epoch
            status
            votingWeight
            quorumWeight
            quorumReached
            weightNeeded
            voters {
              name
              weight
            }
            nonVoters {
              name
              weight
            }
            executedAt
          }
        }
      }
    `);
    expect(response.errors).toBeUndefined();
    type Voter = { name: string; weight: number };
    const proposals = (
      response.data?.governance as {
        slashingProposals: {
          candidateName: string;
          status: string;
          votingWeight: number;
          quorumWeight: number;
          quorumReached: boolean;
          weightNeeded: number;
          voters: Voter[];
          nonVoters: Voter[];
          executedAt: string | null;
        }[];
      }
    ).slashingProposals;
    const committee = await query<{ name: string; shard_count: number }>(
      databaseUrl,
      'SELECT n.name, m.shard_count FROM committee_member m JOIN storage_node n USING (node_id) WHERE m.epoch = 3',
    );
    const weightOf = new Map(committee.map((row) => [row.name, row.shard_count]));
    // node-churn: a quorum slashes node-10 in epoch 3; a weak proposal against node-12 lapses.
    expect(proposals.map((p) => [p.candidateName, p.status, p.quorumReached])).toEqual([
      ['node-10', 'EXECUTED', true],
      ['node-12', 'LAPSED', false],
    ]);
    for (const proposal of proposals) {
      expect(proposal.quorumWeight).toBe(667);
      expect(proposal.voters.map((voter) => voter.weight)).toEqual(
        proposal.voters.map((voter) => weightOf.get(voter.name)),
      );
      expect(proposal.voters.reduce((sum, voter) => sum + voter.weight, 0)).toBe(proposal.votingWeight);
      expect(proposal.weightNeeded).toBe(Math.max(0, 667 - proposal.votingWeight));
      expect([...proposal.voters, ...proposal.nonVoters].map((voter) => voter.name).sort()).toEqual(
        [...weightOf.keys()].sort(),
      );
      const nonVoterWeights = proposal.nonVoters.map((voter) => voter.weight);
      expect(nonVoterWeights).toEqual([...nonVoterWeights].sort((a, b) => b - a));
    }
    expect(proposals[0]?.voters.map((voter) => voter.name)).toEqual([
      'node-1',
      'node-2',
      'node-3',
      'node-4',
      'node-5',
      'node-6',
      'node-7',
    ]);
    expect(proposals[0]?.executedAt).not.toBeNull();
    expect(proposals[1]?.executedAt).toBeNull();
  });

  it('answers an unknown epoch with NOT_FOUND and a negative one with BAD_USER_INPUT', async () => {
    expect((await graphql('{ committee(epoch: 9999) { epoch } }')).errors?.[0]?.extensions.code).toBe(
      'NOT_FOUND',
    );
    expect((await graphql('{ shardMap(epoch: -1) { shard } }')).errors?.[0]?.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('audits every committee it saw selected against a recomputation, and catches a tampered one', async () => {
    const network = devnet.network;
    for (let epoch = 1; epoch <= network.epoch; epoch++) {
      const response = await graphql(
        `{ committeeAudit(epoch: ${epoch}) { epoch matches activeSetSize differences { nodeId } } }`,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data?.committeeAudit).toMatchObject({ epoch, matches: true, differences: [] });
    }
    // A committee the rules could not have produced is reported, member by member: a member's
    // shards rotated (so it needs two at least).
    const victim = network.committee.find((member) => member.shards.length >= 2);
    await query(
      databaseUrl,
      `UPDATE committee_member SET shards = shards[2:] || shards[1:1] WHERE epoch = ${network.epoch} AND node_id = '${victim?.nodeId ?? ''}'`,
    );
    const tampered = await graphql(
      `{ committeeAudit(epoch: ${network.epoch}) { matches differences { nodeId onChain recomputed } } }`,
    );
    expect(tampered.data?.committeeAudit).toMatchObject({
      matches: false,
      differences: [{ nodeId: victim?.nodeId, recomputed: [...(victim?.shards ?? [])] }],
    });
    const unknown = await graphql('{ committeeAudit(epoch: 4000) { matches } }');
    expect(unknown.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });
});
