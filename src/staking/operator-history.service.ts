import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { readManager } from 'src/store/read-scope';
import { apyWindows } from 'src/domain/staking/apy';
import {
  AuthorizedKind,
  type ApyWindowView,
  type AuthorizedView,
  type ExchangeRateView,
  type NodeIdentityChangeView,
  type NodeIdentityView,
  type OperatorEpochView,
} from 'src/staking/operator.views';
import { NodeIdentityRepository } from 'src/store/node-identity/node-identity.repository';
import { compressG1 } from 'src/domain/staking/bls-key';
import { StakingStateRepository } from 'src/store/staking-state/staking-state.repository';
import { StakingStateReader } from 'src/store/staking-state/staking-state.reader';
import { PoolRepository } from 'src/store/pools/pool.repository';
import { EpochRepository } from 'src/store/epochs/epoch.repository';
import { RewardsRepository } from 'src/store/queries/rewards.repository';
import { SubsidyRepository } from 'src/store/subsidies/subsidy.repository';

/**
 * An operator over time: stake, shards and commission per epoch, exchange rates, APY, self-stake,
 * and its identity (keys, who acts for it, metadata) with how it changed.
 */
@Injectable()
export class OperatorHistoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stakingState: StakingStateReader,
  ) {}

  /** Each node's stake, shards and commission per epoch, newest first, from its first epoch on. */
  async epochs(nodeIds: readonly string[]): Promise<OperatorEpochView[][]> {
    const manager = readManager(this.dataSource);
    const [pools, shards, state] = await Promise.all([
      PoolRepository.poolHistories(manager, nodeIds),
      StakingStateRepository.shardsByEpoch(manager, nodeIds),
      this.stakingState.latest(),
    ]);
    return nodeIds.map((nodeId) => {
      const rows = pools.get(nodeId) ?? [];
      const first = rows[0];
      if (first === undefined || state === undefined) {
        return [];
      }
      const shardCounts = shards.get(nodeId);
      const epochs: OperatorEpochView[] = [];
      let row = 0;
      for (let epoch = first.epoch; epoch <= state.epoch; epoch++) {
        while ((rows[row + 1]?.epoch ?? Number.POSITIVE_INFINITY) <= epoch) {
          row++;
        }
        const current = rows[row] ?? first;
        epochs.push({
          epoch,
          stake: current.stake,
          shards: shardCounts?.get(epoch) ?? 0,
          commissionRate: current.commissionRate,
        });
      }
      return epochs.reverse();
    });
  }

  async exchangeRates(nodeId: string): Promise<ExchangeRateView[]> {
    const history = (await PoolRepository.rateHistories(readManager(this.dataSource), [nodeId])).get(nodeId);
    return [...(history?.rates.entries() ?? [])]
      .sort((a, b) => b[0] - a[0])
      .map(([epoch, rate]) => ({
        epoch,
        walAmount: rate.kind === 'Flat' ? 1n : rate.walAmount,
        shareAmount: rate.kind === 'Flat' ? 1n : rate.shareAmount,
      }));
  }

  async selfStakes(nodeIds: readonly string[]): Promise<bigint[]> {
    const totals = await PoolRepository.selfStakes(readManager(this.dataSource), nodeIds);
    return nodeIds.map((nodeId) => totals.get(nodeId) ?? 0n);
  }

  /**
   * APY windows of each node, from its recorded exchange rates over the epochs' observed lengths
   * (the nominal duration where a start was not indexed).
   */
  async apys(nodeIds: readonly string[]): Promise<ApyWindowView[][]> {
    const manager = readManager(this.dataSource);
    const [histories, state, startsMs, buckets, usage] = await Promise.all([
      PoolRepository.rateHistories(manager, nodeIds),
      this.stakingState.latest(),
      EpochRepository.startTimes(manager),
      RewardsRepository.endingBuckets(manager),
      SubsidyRepository.usageByEpoch(manager),
    ]);
    const timeline = { startsMs, nominalDurationMs: Number(state?.epochDurationMs ?? 0n) };
    const subsidyShares = new Map(
      [...usage].flatMap(([epoch, subsidy]) => {
        const bucket = buckets.get(epoch);
        return bucket === undefined || bucket === 0n
          ? []
          : [[epoch, Number(subsidy) / Number(bucket)] as const];
      }),
    );
    return nodeIds.map((nodeId) =>
      apyWindows(histories.get(nodeId)?.rates ?? new Map(), timeline, undefined, subsidyShares),
    );
  }

  /** Each node's keys, who acts for it and its metadata, as they stand. */
  async identities(nodeIds: readonly string[]): Promise<(NodeIdentityView | undefined)[]> {
    const manager = readManager(this.dataSource);
    const [nodes, metadata] = await Promise.all([
      PoolRepository.nodeIdentities(manager, nodeIds),
      NodeIdentityRepository.metadataOf(manager, nodeIds),
    ]);
    return nodeIds.map((nodeId) => {
      const node = nodes.get(nodeId);
      const meta = metadata.get(nodeId);
      return node === undefined
        ? undefined
        : {
            publicKey: printedKey(node.publicKey),
            nextEpochPublicKey: node.nextEpochPublicKey === null ? null : printedKey(node.nextEpochPublicKey),
            networkPublicKey: node.networkPublicKey,
            commissionReceiver: authorizedView(node.commissionReceiver),
            governanceAuthorized: authorizedView(node.governanceAuthorized),
            metadata:
              meta === undefined
                ? null
                : {
                    imageUrl: meta.imageUrl,
                    projectUrl: meta.projectUrl,
                    description: meta.description,
                    extraFields: meta.extraFields,
                    updatedAt: meta.updatedAt,
                  },
          };
    });
  }

  /** How the node's name, address, keys and authorisations changed, newest first. */
  async identityChanges(nodeId: string, last: number): Promise<NodeIdentityChangeView[]> {
    // One more than asked: the oldest shown is compared with the one before it.
    const rows = await NodeIdentityRepository.changes(readManager(this.dataSource), nodeId, last + 1);
    return rows.slice(0, last).map((row, index) => {
      const before = rows[index + 1];
      const fields = IDENTITY_FIELDS.filter((field) => before === undefined || before[field] !== row[field]);
      return {
        version: row.version,
        checkpoint: row.checkpoint,
        changedAt: row.changedAt,
        name: row.name,
        networkAddress: row.networkAddress,
        publicKey: printedKey(row.publicKey),
        nextEpochPublicKey: row.nextEpochPublicKey === null ? null : printedKey(row.nextEpochPublicKey),
        networkPublicKey: row.networkPublicKey,
        commissionReceiver: authorizedView(row.commissionReceiver),
        governanceAuthorized: authorizedView(row.governanceAuthorized),
        changed: [...fields],
      };
    });
  }
}

const IDENTITY_FIELDS = [
  'name',
  'networkAddress',
  'publicKey',
  'nextEpochPublicKey',
  'networkPublicKey',
  'commissionReceiver',
  'governanceAuthorized',
] as const;

/**
 * A key as the node software and the Walrus CLI print it: compressed, base64. The chain (and the
 * index, as hex) keeps it uncompressed.
 */
function printedKey(hex: string): string {
  const bytes = Buffer.from(hex.replace(/^0x/, ''), 'hex');
  return Buffer.from(bytes.length === 96 ? compressG1(bytes) : bytes).toString('base64');
}

/** `address:0x…` or `object:0x…`, as the indexer files an `Authorized`. */
function authorizedView(text: string): AuthorizedView {
  const [kind, id = ''] = text.split(':');
  return { kind: kind === 'object' ? AuthorizedKind.OBJECT : AuthorizedKind.ADDRESS, id };
}
