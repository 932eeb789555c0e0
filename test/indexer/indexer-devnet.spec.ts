import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isStakingEvent } from 'src/chain/walrus-bcs';
import { SlashingRepository } from 'src/store/slashing/slashing.repository';
import type { Devnet } from 'src/devnet/devnet';
import {
  buildDevnet,
  createTestDatabase,
  indexerConfig,
  indexUntil,
  query,
  serveDevnet,
  type ServedDevnet,
} from 'test/support/indexer-harness';

type Row = Record<string, unknown>;

describe('the indexer against the devnet', () => {
  let devnet: Devnet;
  let served: ServedDevnet;
  let databaseUrl: string;
  let app: INestApplication;

  beforeAll(async () => {
    // Churn and a whale's unstake give joins, leaves, withdrawals, splits and joins of positions.
    devnet = buildDevnet('node-churn', 7, 6);
    served = await serveDevnet(devnet);
    databaseUrl = await createTestDatabase();
    app = await indexUntil(
      indexerConfig(databaseUrl, served, { TUSK_INDEXER_BATCH_SIZE: '37' }),
      devnet.ledger.tip,
    );
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await served.server.close();
  });

  it('stores every pool as the simulator holds it, per epoch', async () => {
    const network = devnet.network;
    const rows = await query<Row>(
      databaseUrl,
      `SELECT p.*, n.name FROM pool_state p JOIN storage_node n USING (node_id) WHERE p.epoch = ${network.epoch}`,
    );
    const touched = new Map(rows.map((row) => [row.node_id as string, row]));
    expect(network.nodes.size).toBeGreaterThan(0);
    for (const node of network.nodes.values()) {
      const { pool } = node;
      const row = touched.get(node.nodeId) ?? (await latestPoolRow(node.nodeId));
      expect(row).toMatchObject({
        name: node.name,
        state: pool.state.kind.toLowerCase(),
        wal_balance: pool.walBalance.toString(),
        num_shares: pool.numShares.toString(),
        commission_rate: pool.commissionRate,
        activation_epoch: pool.activationEpoch,
        latest_epoch: pool.latestEpoch,
        rewards_pool: pool.rewardsPool.toString(),
        commission: pool.commission.toString(),
        storage_price_vote: node.votes.storagePrice.toString(),
        write_price_vote: node.votes.writePrice.toString(),
        node_capacity_vote: node.votes.nodeCapacity.toString(),
      });
      const pending = (values: { entries: readonly { epoch: number; value: bigint }[] }) =>
        values.entries.map((entry) => ({ epoch: entry.epoch, value: entry.value.toString() }));
      expect(row.pending_stake).toEqual(pending(pool.pendingStake));
      expect(row.pending_shares_withdraw).toEqual(pending(pool.pendingSharesWithdraw));
      expect(row.pending_commission_rate).toEqual(pending(pool.pendingCommissionRate));
    }
  });

  it('stores every exchange rate the pools recorded', async () => {
    const rows = await query<Row>(databaseUrl, 'SELECT * FROM exchange_rate ORDER BY node_id, epoch');
    const expected = [...devnet.network.nodes.values()]
      .flatMap((node) =>
        [...node.pool.exchangeRates.entries()].map(([epoch, rate]) => ({
          node_id: node.nodeId,
          epoch,
          kind: rate.kind === 'Flat' ? 'flat' : 'variable',
          wal_amount: rate.kind === 'Flat' ? null : rate.walAmount.toString(),
          share_amount: rate.kind === 'Flat' ? null : rate.shareAmount.toString(),
        })),
      )
      .sort((a, b) => (a.node_id === b.node_id ? a.epoch - b.epoch : a.node_id < b.node_id ? -1 : 1));
    expect(expected.length).toBeGreaterThan(devnet.network.nodes.size);
    expect(
      rows.map(({ node_id, epoch, kind, wal_amount, share_amount }) => ({
        node_id,
        epoch,
        kind,
        wal_amount,
        share_amount,
      })),
    ).toEqual(expected);
  });

  it('stores every live StakedWal position and the history of the withdrawn ones', async () => {
    const live = await query<Row>(databaseUrl, 'SELECT * FROM staked_wal WHERE deleted_checkpoint IS NULL');
    const positions = devnet.network.positions;
    expect(live).toHaveLength(positions.size);
    for (const row of live) {
      const position = positions.get(row.object_id as string);
      expect(position).toBeDefined();
      if (position === undefined) {
        continue;
      }
      const { stakedWal } = position;
      expect(row).toMatchObject({
        owner: position.owner,
        node_id: stakedWal.nodeId,
        principal: stakedWal.principal.toString(),
        activation_epoch: stakedWal.activationEpoch,
        state: stakedWal.state.kind === 'Staked' ? 'staked' : 'withdrawing',
        withdraw_epoch: stakedWal.state.kind === 'Withdrawing' ? stakedWal.state.withdrawEpoch : null,
      });
    }
    const [gone] = await query<{ count: string }>(
      databaseUrl,
      'SELECT count(*) FROM staked_wal WHERE deleted_checkpoint IS NOT NULL',
    );
    expect(Number(gone?.count)).toBeGreaterThan(0);
    // Every version is kept: creations, mutations and deletions all match the ledger's object history.
    const versions = await query<{ operation: string; count: string }>(
      databaseUrl,
      'SELECT operation, count(*) FROM staked_wal_version GROUP BY operation',
    );
    const stakedWalType = devnet.network.types.stakedWal;
    let changes = 0;
    for (const checkpoint of devnet.ledger.checkpoints) {
      for (const transaction of checkpoint.transactions) {
        changes += (transaction.effects?.changedObjects ?? []).filter(
          (c) => c.objectType === stakedWalType,
        ).length;
      }
    }
    expect(versions.reduce((sum, row) => sum + Number(row.count), 0)).toBe(changes);
  });

  it('stores the committees of the current and previous epochs with their shards in stored order', async () => {
    const network = devnet.network;
    for (const [epoch, committee] of [
      [network.epoch, network.committee],
      [network.epoch - 1, network.previousCommittee],
    ] as const) {
      const rows = await query<Row>(
        databaseUrl,
        `SELECT node_id, shards FROM committee_member WHERE epoch = ${epoch} ORDER BY position`,
      );
      expect(rows).toEqual(
        committee.map((member) => ({ node_id: member.nodeId, shards: [...member.shards] })),
      );
    }
    const sums = await query<{ epoch: number; shards: string }>(
      databaseUrl,
      'SELECT epoch, sum(shard_count) AS shards FROM committee_member GROUP BY epoch ORDER BY epoch',
    );
    expect(sums.filter((row) => row.epoch > 0).every((row) => Number(row.shards) === network.nShards)).toBe(
      true,
    );
  });

  it('stores the active set in contract order and the epoch state', async () => {
    const network = devnet.network;
    const members = await query<Row>(
      databaseUrl,
      `SELECT node_id, staked_amount FROM active_set_member WHERE epoch = ${network.epoch} ORDER BY position`,
    );
    expect(members).toEqual(
      network.activeSet.entries.map((entry) => ({
        node_id: entry.nodeId,
        staked_amount: entry.stake.toString(),
      })),
    );
    const [state] = await query<Row>(
      databaseUrl,
      `SELECT * FROM staking_state WHERE epoch = ${network.epoch}`,
    );
    expect(state).toMatchObject({ epoch_state: network.epochState.kind, n_shards: network.nShards });
    const epochs = await query<Row>(databaseUrl, 'SELECT * FROM epoch ORDER BY epoch');
    expect(epochs.map((row) => row.epoch)).toEqual(
      Array.from({ length: network.epoch + 1 }, (_, i) => i).slice(1),
    );
    expect(epochs.every((row) => row.started_at !== null && row.done_at !== null)).toBe(true);
    const [system] = await query<Row>(
      databaseUrl,
      `SELECT * FROM system_state WHERE epoch = ${network.epoch}`,
    );
    expect(system).toMatchObject({
      storage_price_per_unit_size: network.storagePrice.toString(),
      write_price_per_unit_size: network.writePrice.toString(),
      total_capacity_size: network.totalCapacity.toString(),
    });
  });

  it('stores every staking event once', async () => {
    const expected = devnet.ledger.events.filter((entry) =>
      isStakingEvent(entry.event.eventType?.split('::')[2] ?? ''),
    );
    const [count] = await query<{ count: string }>(databaseUrl, 'SELECT count(*) FROM walrus_event');
    expect(Number(count?.count)).toBe(expected.length);
    const attested = await query<{ count: string }>(databaseUrl, 'SELECT count(*) FROM node_attestation');
    const received = expected.filter((entry) => entry.event.eventType?.endsWith('::ShardsReceived'));
    expect(Number(attested[0]?.count)).toBe(received.length);
  });

  it('keeps every slashing proposal and tells the executed one from the lapsed ones', async () => {
    const proposals = await SlashingRepository.proposals(app.get(DataSource).manager, {
      fromEpoch: 0,
      toEpoch: devnet.network.epoch,
    });
    const nodeId = (name: string) => devnet.nodeIds.get(name) as string;
    const weightIn = async (epoch: number, voters: string[]) => {
      const rows = await query<{ sum: string }>(
        databaseUrl,
        `SELECT sum(shard_count) FROM committee_member
         WHERE epoch = ${epoch} AND node_id IN (${voters.map((voter) => `'${nodeId(voter)}'`).join(',')})`,
      );
      return Number(rows[0]?.sum);
    };
    const quorum = ['node-1', 'node-2', 'node-3', 'node-4', 'node-5', 'node-6', 'node-7'];
    // As node-churn scripts them: a quorum slashes node-10 in epoch 3; node-12 gets two weak
    // proposals, the second one refreshing the first in epoch 4, and the cleanup in epoch 5 removes it.
    expect(
      proposals.map(({ candidateNodeId, epoch, votingWeight, voters, executedAt }) => ({
        candidateNodeId,
        epoch,
        votingWeight,
        voters,
        executed: executedAt !== null,
      })),
    ).toEqual([
      {
        candidateNodeId: nodeId('node-12'),
        epoch: 4,
        votingWeight: await weightIn(4, ['node-1']),
        voters: [nodeId('node-1')],
        executed: false,
      },
      {
        candidateNodeId: nodeId('node-10'),
        epoch: 3,
        votingWeight: await weightIn(3, quorum),
        voters: quorum.map(nodeId),
        executed: true,
      },
      {
        candidateNodeId: nodeId('node-12'),
        epoch: 3,
        votingWeight: await weightIn(3, ['node-5', 'node-8']),
        voters: [nodeId('node-5'), nodeId('node-8')],
        executed: false,
      },
    ]);
    expect(proposals[1]?.votingWeight).toBeGreaterThanOrEqual(667);
    const removals = await query<{ operation: string; staking_epoch: number }>(
      databaseUrl,
      `SELECT operation, staking_epoch FROM slashing_proposal_version WHERE operation = 'deleted' ORDER BY version`,
    );
    expect(removals).toEqual([
      { operation: 'deleted', staking_epoch: 3 },
      { operation: 'deleted', staking_epoch: 5 },
    ]);
  });

  async function latestPoolRow(nodeId: string): Promise<Row> {
    const [row] = await query<Row>(
      databaseUrl,
      `SELECT p.*, n.name FROM pool_state p JOIN storage_node n USING (node_id)
       WHERE p.node_id = '${nodeId}' ORDER BY p.epoch DESC LIMIT 1`,
    );
    return row ?? {};
  }
});
