import { normalizeSuiAddress } from '@mysten/sui/utils';
import * as S from 'src/chain/walrus-subsidies-bcs';
import type { SuiLedger } from 'src/devnet/ledger/sui-ledger';
import type { WalrusLedgerProjection } from 'src/devnet/walrus/walrus-ledger-projection';
import { WalrusObjectWriter } from 'src/devnet/walrus/walrus-objects';
import type {
  ContractCommit,
  FundBucket,
  SubsidiesOptions,
  WalrusStateView,
} from 'src/devnet/walrus/walrus-network.types';
import { DomainError } from 'src/domain/shared/domain.error';
import type { NodeId } from 'src/domain/shared/node-id';
import { fixedSubsidy, SUBSIDY_RATE_SCALE } from 'src/domain/staking/subsidies';
import { RecentEpochs } from 'src/devnet/recent-epochs';

/** What the program needs of the network it subsidises. */
export interface SubsidiesHost extends WalrusStateView {
  readonly projection: WalrusLedgerProjection;
  readonly fund: FundBucket[];
  readonly committeeSelected: boolean;
  readonly nowMs: number;
  commit: ContractCommit;
}

const SUBSIDIES_VERSION = 2n;

/**
 * The `walrus_subsidies` package as deployed beside Walrus: a package of its own, its shared
 * object with the state in a dynamic field, and `process_subsidies`, which storage nodes call
 * around each epoch change. A run pays the previous committee its fixed-rate subsidy once (into
 * each pool's commission, blocked until `voting_end`) and tops up every reward bucket by the rate
 * on the payments it received since the last run. Aborts are the module's, and change nothing.
 */
export class WalrusSubsidiesProgram {
  readonly packageId: string;
  readonly objectId: string;
  private readonly writer: WalrusObjectWriter;
  private readonly extraFieldsId: string;
  private pool: bigint;
  private latestEpoch: number;
  private lastSubsidizedMs = 0n;
  /** Each bucket as last subsidised, in ring order from the current epoch. */
  private buckets: { epoch: number; balance: bigint }[];
  /**
   * What the runs paid, for tests to hold the indexer against: fixed by epoch and node, usage by
   * bucket, over the latest thousand epochs.
   */
  readonly paid = { fixed: new RecentEpochs<Map<string, bigint>>(), usage: new RecentEpochs<bigint>() };

  constructor(
    ledger: SuiLedger,
    private readonly host: SubsidiesHost,
    private readonly options: SubsidiesOptions,
  ) {
    this.packageId = ledger.newObjectId();
    this.objectId = ledger.newObjectId();
    ledger.publishPackage(this.packageId, {
      originalId: this.packageId,
      version: 1n,
      typeOrigins: [
        ['walrus_subsidies', 'WalrusSubsidies'],
        ['walrus_subsidies', 'SubsidiesInnerKey'],
        ['walrus_subsidies', 'AdminCap'],
        ['walrus_subsidies_inner', 'WalrusSubsidiesInnerV1'],
        ['epoch_balance', 'EpochBalance'],
        ['epoch_balance', 'EpochBalanceRingBuffer'],
      ].map(([module = '', datatype = '']) => ({ module, datatype, packageId: this.packageId })),
    });
    this.writer = new WalrusObjectWriter(ledger, this.packageId);
    this.extraFieldsId = ledger.newObjectId();
    this.pool = options.funding;
    // `new`: the buckets as they stand are not subsidised, nor any epoch before this one.
    this.latestEpoch = Math.max(host.epoch - 1, 0);
    this.buckets = host.fund.map((bucket) => ({ epoch: bucket.epoch, balance: bucket.rewards }));
  }

  /** The shared object and its state, as `new` and `add_coin` leave them. */
  create(sender: string): void {
    this.host.commit(
      normalizeSuiAddress(sender),
      [{ package: this.packageId, module: 'walrus_subsidies', function: 'new' }],
      {
        writes: this.writes(),
      },
    );
  }

  /** `process_subsidies`: the fixed-rate subsidy for the epoch just ended, then the usage subsidies. */
  process(sender: string): void {
    const host = this.host;
    const fixed: { nodeId: NodeId; amount: bigint }[] = [];
    const epochToPay = host.epoch - 1;
    if (host.epoch > 0 && this.latestEpoch < epochToPay) {
      for (const member of host.previousCommittee) {
        fixed.push({
          nodeId: member.nodeId,
          amount: fixedSubsidy(this.options.baseSubsidy, this.options.subsidyPerShard, member.shards.length),
        });
      }
    }
    let pool = this.pool - fixed.reduce((total, entry) => total + entry.amount, 0n);
    if (pool < 0n) {
      throw insufficientFunds();
    }
    // The ring follows the system's: buckets of past epochs leave, new ones start at zero.
    const buckets = host.fund.map((bucket) => ({
      epoch: bucket.epoch,
      balance: this.buckets.find((known) => known.epoch === bucket.epoch)?.balance ?? 0n,
    }));
    const usage = host.fund.map((bucket, index) => {
      const toSubsidise = bucket.rewards - (buckets[index]?.balance ?? 0n);
      return (toSubsidise * BigInt(this.options.rateBps)) / SUBSIDY_RATE_SCALE;
    });
    pool -= usage.reduce((total, amount) => total + amount, 0n);
    if (pool < 0n) {
      throw insufficientFunds();
    }

    this.pool = pool;
    if (fixed.length > 0) {
      this.latestEpoch = epochToPay;
      const block = !host.committeeSelected;
      const paid = new Map<string, bigint>();
      for (const { nodeId, amount } of fixed) {
        host.node(nodeId).pool.addCommission(amount, block);
        paid.set(nodeId, amount);
      }
      this.paid.fixed.set(epochToPay, paid);
    }
    host.fund.forEach((bucket, index) => {
      const subsidy = usage[index] ?? 0n;
      bucket.rewards += subsidy;
      const ring = buckets[index];
      if (ring !== undefined) {
        ring.balance = bucket.rewards;
      }
      if (subsidy > 0n) {
        this.paid.usage.set(bucket.epoch, (this.paid.usage.get(bucket.epoch) ?? 0n) + subsidy);
      }
    });
    this.buckets = buckets;
    this.lastSubsidizedMs = BigInt(host.nowMs);
    const pools = fixed.map(({ nodeId }) => host.node(nodeId));
    host.commit(
      normalizeSuiAddress(sender),
      [{ package: this.packageId, module: 'walrus_subsidies', function: 'process_subsidies' }],
      {
        writes: [
          ...this.writes(),
          ...host.projection.stakingWrites({ pools }),
          ...host.projection.systemWrites(),
        ],
      },
    );
  }

  private writes() {
    const types = S.subsidiesTypes(this.packageId);
    const root = S.WalrusSubsidies.serialize({
      id: this.objectId,
      version: SUBSIDIES_VERSION,
      package_id: this.packageId,
    }).toBytes();
    const inner = S.WalrusSubsidiesInnerV1.serialize({
      system_subsidy_rate: this.options.rateBps,
      subsidy_pool: { value: this.pool },
      base_subsidy: this.options.baseSubsidy,
      subsidy_per_shard: this.options.subsidyPerShard,
      latest_epoch: this.latestEpoch,
      already_subsidized_balances: {
        current_index: 0,
        ring_buffer: this.buckets.map((bucket) => ({ epoch: bucket.epoch, balance: bucket.balance })),
      },
      last_subsidized_ts: this.lastSubsidizedMs,
      extra_fields: { id: this.extraFieldsId, size: 0n },
    }).toBytes();
    return [
      {
        objectId: this.objectId,
        owner: { kind: 'shared' as const, initialVersion: 1n },
        type: types.subsidies,
        contents: root,
      },
      this.writer.dynamicField(
        this.objectId,
        types.innerKey,
        S.SubsidiesInnerKey,
        { dummy_field: false },
        types.inner,
        inner,
      ),
    ];
  }
}

function insufficientFunds(): DomainError {
  return new DomainError('INVALID_STATE', 'the subsidy pool cannot pay this run', {
    package: 'walrus',
    module: 'walrus_subsidies_inner',
    name: 'EInsufficientFundsInPool',
    code: 1,
  });
}
