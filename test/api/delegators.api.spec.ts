import type { INestApplication } from '@nestjs/common';
import type { Devnet } from 'src/devnet/devnet';
import { canWithdrawEarly, type StakedWal } from 'src/domain/staking/staked-wal';
import { withdrawalGuidance } from 'src/domain/staking/withdrawal-guidance';
import { graphql } from 'test/support/graphql';
import { startIndexedApi, waitForWatermarks, type IndexedApi } from 'test/support/indexer-harness';

interface Position {
  objectId: string;
  nodeId: string;
  principal: string;
  state: string;
  activationEpoch: number;
  withdrawEpoch: number | null;
  active: boolean;
  canWithdrawNow: boolean;
  canWithdrawEarly: boolean;
  withdrawal: {
    callNow: string | null;
    withdrawStakeFromEpoch: number;
    afterRequest: boolean;
    paysRewards: boolean;
  };
  rewards: string;
}

/** The epoch a position earns until: its withdrawal epoch, or the current one. */
function earningUntil(stakedWal: StakedWal, epoch: number): number {
  return stakedWal.state.kind === 'Withdrawing' ? Math.min(epoch, stakedWal.state.withdrawEpoch) : epoch;
}

describe('delegator queries', () => {
  let api: IndexedApi;
  let app: INestApplication;
  let devnet: Devnet;

  beforeAll(async () => {
    api = await startIndexedApi('whale-unstake', 17, 5);
    app = api.app;
    devnet = api.devnet;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  const QUERY = (
    address: string,
  ) => `{ delegator(address: "${address}") { address epoch totalPrincipal totalRewards
    positions { objectId nodeId principal state activationEpoch withdrawEpoch active canWithdrawNow canWithdrawEarly
      withdrawal { callNow withdrawStakeFromEpoch afterRequest paysRewards } rewards } } }`;

  it('lists every position of every delegator with the contract’s rewards and withdrawal rules', async () => {
    const network = devnet.network;
    const owners = new Set([...network.positions.values()].map((position) => position.owner));
    expect(owners.size).toBeGreaterThan(3);
    let rewarded = 0;
    for (const owner of owners) {
      const response = await graphql(app, QUERY(owner));
      expect(response.errors).toBeUndefined();
      const delegator = response.data?.delegator as {
        epoch: number;
        totalRewards: string;
        positions: Position[];
      };
      expect(delegator.epoch).toBe(network.epoch);
      const expected = [...network.positions.values()]
        .filter((position) => position.owner === owner)
        .map((position): Position => {
          const { stakedWal } = position;
          const pool = network.node(stakedWal.nodeId).pool;
          const until = earningUntil(stakedWal, network.epoch);
          const inNext = (network.nextCommittee ?? []).some((member) => member.nodeId === stakedWal.nodeId);
          const inCurrent = network.committee.some((member) => member.nodeId === stakedWal.nodeId);
          const wctx = { epoch: network.epoch, committeeSelected: network.committeeSelected };
          const early = canWithdrawEarly(stakedWal, inNext, wctx);
          const guidance = withdrawalGuidance(stakedWal, inCurrent, inNext, wctx);
          return {
            objectId: position.id,
            nodeId: stakedWal.nodeId,
            principal: stakedWal.principal.toString(),
            state: stakedWal.state.kind === 'Staked' ? 'staked' : 'withdrawing',
            activationEpoch: stakedWal.activationEpoch,
            withdrawEpoch: stakedWal.state.kind === 'Withdrawing' ? stakedWal.state.withdrawEpoch : null,
            active: stakedWal.activationEpoch <= network.epoch,
            canWithdrawNow: guidance.callNow === 'withdraw_stake',
            canWithdrawEarly: early,
            withdrawal: {
              callNow: guidance.callNow === undefined ? null : guidance.callNow.toUpperCase(),
              withdrawStakeFromEpoch: guidance.withdrawStakeFromEpoch,
              afterRequest: guidance.afterRequest,
              paysRewards: guidance.paysRewards,
            },
            rewards: (stakedWal.activationEpoch > until
              ? 0n
              : pool.calculateRewards(stakedWal.principal, stakedWal.activationEpoch, until)
            ).toString(),
          };
        });
      const byId = (a: Position, b: Position) => (a.objectId < b.objectId ? -1 : 1);
      expect([...delegator.positions].sort(byId)).toEqual(expected.sort(byId));
      rewarded += delegator.positions.filter((position) => position.rewards !== '0').length;
    }
    // The comparison is not vacuous: some positions have earned rewards.
    expect(rewarded).toBeGreaterThan(0);
  });

  it('splits each delegator’s rewards by the epoch they were earned in, adding up to the rewards to date', async () => {
    const network = devnet.network;
    const owners = new Set([...network.positions.values()].map((position) => position.owner));
    let epochsWithRewards = 0;
    for (const owner of owners) {
      const response = await graphql(
        app,
        `{ delegator(address: "${owner}") { totalRewards
           rewardHistory(last: 100) { epoch rewards positions { objectId rewards } }
           recent: rewardHistory(last: 2) { epoch } } }`,
      );
      expect(response.errors).toBeUndefined();
      const delegator = response.data?.delegator as {
        totalRewards: string;
        rewardHistory: {
          epoch: number;
          rewards: string;
          positions: { objectId: string; rewards: string }[];
        }[];
        recent: { epoch: number }[];
      };
      // Per position and epoch, the simulator's calculate_rewards growth over that epoch.
      const expected = new Map<number, Map<string, bigint>>();
      for (const position of [...network.positions.values()].filter((p) => p.owner === owner)) {
        const { stakedWal } = position;
        const pool = network.node(stakedWal.nodeId).pool;
        const until = earningUntil(stakedWal, network.epoch);
        for (let epoch = stakedWal.activationEpoch; epoch < until; epoch++) {
          const earned =
            pool.calculateRewards(stakedWal.principal, stakedWal.activationEpoch, epoch + 1) -
            pool.calculateRewards(stakedWal.principal, stakedWal.activationEpoch, epoch);
          expected.set(epoch, (expected.get(epoch) ?? new Map<string, bigint>()).set(position.id, earned));
        }
      }
      expect(
        delegator.rewardHistory.map((entry) => ({
          epoch: entry.epoch,
          rewards: entry.rewards,
          positions: new Map(entry.positions.map((p) => [p.objectId, BigInt(p.rewards)])),
        })),
      ).toEqual(
        [...expected.entries()]
          .sort(([a], [b]) => b - a)
          .map(([epoch, positions]) => ({
            epoch,
            rewards: [...positions.values()].reduce((sum, value) => sum + value, 0n).toString(),
            positions,
          })),
      );
      const sum = delegator.rewardHistory.reduce((total, entry) => total + BigInt(entry.rewards), 0n);
      expect(sum.toString()).toBe(delegator.totalRewards);
      expect(delegator.recent.every((entry) => entry.epoch >= network.epoch - 2)).toBe(true);
      epochsWithRewards += delegator.rewardHistory.filter((entry) => entry.rewards !== '0').length;
    }
    expect(epochsWithRewards).toBeGreaterThan(3);
    const refused = await graphql(
      app,
      `
        {
          delegator(address: "0x1") {
            rewardHistory(last: 0) {
              epoch
            }
          }
        }
      `,
    );
    expect(refused.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('offers the one-step withdraw_stake for active stake on a node in neither committee', async () => {
    const network = devnet.network;
    const delegator = devnet.delegatorAddress('stays-with-an-idle-candidate');
    // A candidate no committee takes: its stake is too small for a shard.
    const idle = network.registerCandidate({
      name: 'idle-candidate',
      operator: devnet.delegatorAddress('idle-operator'),
      commissionRate: 500,
      storagePrice: 10_000n,
      writePrice: 20_000n,
      nodeCapacity: 1_000_000_000_000n,
    });
    network.stakeWithPool(delegator, idle, 1_000_000_000n);
    devnet.runUntilEpochDone(network.epoch + 2);
    const inAnyCommittee = [...network.committee, ...(network.nextCommittee ?? [])].some(
      (member) => member.nodeId === idle,
    );
    expect(inAnyCommittee).toBe(false);
    await waitForWatermarks(api.databaseUrl, devnet.ledger.tip, 30_000);

    const response = await graphql(app, QUERY(delegator));
    expect(response.errors).toBeUndefined();
    const [position] = (response.data?.delegator as { positions: Position[] }).positions;
    expect(position?.state).toBe('staked');
    expect(position?.active).toBe(true);
    // request_withdraw_stake would abort with EWithdrawDirectly: withdraw_stake succeeds now, with rewards.
    expect(position?.canWithdrawNow).toBe(true);
    expect(position?.canWithdrawEarly).toBe(false);
    expect(position?.withdrawal).toEqual({
      callNow: 'WITHDRAW_STAKE',
      withdrawStakeFromEpoch: network.epoch,
      afterRequest: false,
      paysRewards: true,
    });
  });

  it('returns no positions for an address that never staked, and BAD_USER_INPUT for a malformed one', async () => {
    const nobody = await graphql(app, QUERY(`0x${'12'.repeat(32)}`));
    expect(nobody.data?.delegator).toMatchObject({ totalPrincipal: '0', totalRewards: '0', positions: [] });
    const malformed = await graphql(app, QUERY('0xnot-hex'));
    expect(malformed.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});
