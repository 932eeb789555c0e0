import type { INestApplication } from '@nestjs/common';
import type { Devnet } from 'src/devnet/devnet';
import { fixedSubsidy } from 'src/domain/staking/subsidies';
import { graphql } from 'test/support/graphql';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

describe('subsidies', () => {
  let api: IndexedApi;
  let app: INestApplication;
  let devnet: Devnet;

  beforeAll(async () => {
    api = await startIndexedApi('steady-state', 21, 5);
    app = api.app;
    devnet = api.devnet;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  const program = () => {
    const subsidies = devnet.network.subsidies;
    if (subsidies === undefined) {
      throw new Error('steady-state deploys walrus_subsidies');
    }
    return subsidies;
  };

  it('shows the program as it stands', async () => {
    const response = await graphql(
      app,
      '{ subsidies { rateBps baseSubsidy subsidyPerShard latestPaidEpoch poolBalance } }',
    );
    expect(response.errors).toBeUndefined();
    const paidEpochs = [...program().paid.fixed.keys()];
    expect(response.data?.subsidies).toMatchObject({
      rateBps: 2000,
      baseSubsidy: (100n * 1_000_000_000n).toString(),
      subsidyPerShard: (2n * 1_000_000_000n).toString(),
      latestPaidEpoch: Math.max(...paidEpochs),
    });
  });

  it('splits each ended epoch’s rewards into payments and usage subsidies, and pays the operators theirs', async () => {
    const { paid } = program();
    for (const epoch of [2, 3, 4]) {
      const response = await graphql(
        app,
        `{ epochRewards(epoch: ${epoch}) { bucket usageSubsidy fixedSubsidies
             nodes { nodeId shards reward commission usageSubsidyReward fixedSubsidy operatorIncome } } }`,
      );
      expect(response.errors).toBeUndefined();
      const rewards = response.data?.epochRewards as {
        bucket: string;
        usageSubsidy: string;
        fixedSubsidies: string;
        nodes: {
          nodeId: string;
          shards: number;
          reward: string;
          commission: string;
          usageSubsidyReward: string;
          fixedSubsidy: string;
          operatorIncome: string;
        }[];
      };
      expect(BigInt(rewards.usageSubsidy)).toBe(paid.usage.get(epoch));
      expect(BigInt(rewards.usageSubsidy)).toBeGreaterThan(0n);
      const fixed = paid.fixed.get(epoch);
      expect(rewards.nodes.map((node) => [node.nodeId, BigInt(node.fixedSubsidy)])).toEqual(
        rewards.nodes.map((node) => [node.nodeId, fixed?.get(node.nodeId)]),
      );
      expect(BigInt(rewards.fixedSubsidies)).toBe([...(fixed?.values() ?? [])].reduce((a, b) => a + b, 0n));
      for (const node of rewards.nodes) {
        expect(BigInt(node.fixedSubsidy)).toBe(fixedSubsidy(100n * 10n ** 9n, 2n * 10n ** 9n, node.shards));
        expect(BigInt(node.operatorIncome)).toBe(BigInt(node.commission) + BigInt(node.fixedSubsidy));
        expect(BigInt(node.usageSubsidyReward)).toBe(
          (BigInt(node.reward) * BigInt(rewards.usageSubsidy)) / BigInt(rewards.bucket),
        );
      }
    }
  });

  it('projects the fixed subsidy and shows the subsidised part of the coming buckets and of the yield', async () => {
    const member = devnet.network.committee[0]!;
    const response = await graphql(
      app,
      `{ operator(id: "${member.nodeId}") {
           rewardProjections { epoch usageSubsidy fixedSubsidy }
           apy { epochs growth growthWithoutUsageSubsidies } } }`,
    );
    expect(response.errors).toBeUndefined();
    const operator = response.data?.operator as {
      rewardProjections: { epoch: number; usageSubsidy: string; fixedSubsidy: string }[];
      apy: { epochs: number | null; growth: number; growthWithoutUsageSubsidies: number }[];
    };
    const { paid } = program();
    for (const projection of operator.rewardProjections) {
      expect(BigInt(projection.fixedSubsidy)).toBe(
        fixedSubsidy(100n * 10n ** 9n, 2n * 10n ** 9n, member.shards.length),
      );
      expect(BigInt(projection.usageSubsidy)).toBe(paid.usage.get(projection.epoch) ?? 0n);
    }
    expect(operator.rewardProjections.some((projection) => BigInt(projection.usageSubsidy) > 0n)).toBe(true);
    const lifetime = operator.apy.find((window) => window.epochs === null);
    // Seconds-long local epochs overflow the annualised figures; the window's growth shows it.
    expect(lifetime?.growthWithoutUsageSubsidies).toBeLessThan(lifetime?.growth ?? 0);
    expect(lifetime?.growthWithoutUsageSubsidies).toBeGreaterThan(1);
  });
});
