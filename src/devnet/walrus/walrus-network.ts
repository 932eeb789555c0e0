import { normalizeSuiAddress } from '@mysten/sui/utils';
import * as W from 'src/chain/walrus-bcs';
import type { EventRecord, SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { WalrusLedgerProjection } from 'src/devnet/walrus/walrus-ledger-projection';
import { WalrusSlashingManager } from 'src/devnet/walrus/walrus-slashing-manager';
import { WalrusSubsidiesProgram } from 'src/devnet/walrus/walrus-subsidies';
import { checkCandidate, rotatePublicKey, WalrusNodeIdentity } from 'src/devnet/walrus/walrus-node-identity';
import { WalrusUpgradeManager } from 'src/devnet/walrus/walrus-upgrade-manager';
import { WalrusDenyLists } from 'src/devnet/walrus/walrus-deny-lists';
import { nodePublicKey, uncompressPublicKey } from 'src/devnet/walrus/bls-keys';
import {
  MAX_EPOCHS_AHEAD,
  walrusAbort as abort,
  type ContractCall,
  type ContractCommit,
  type CandidateRegistration,
  type FundBucket,
  type NodeRecord,
  type SlashingProposalRecord,
  type StakePosition,
  type WalrusDeployment,
  type WalrusNetworkOptions,
  type WalrusStateView,
} from 'src/devnet/walrus/walrus-network.types';
import { ActiveSet, DEPLOYED_ACTIVE_SET_SIZE_LIMIT } from 'src/domain/committee/active-set';
import { computeNextCommittee, diffCommittees, type Committee } from 'src/domain/committee/committee';
import { recordSyncDone, type EpochState } from 'src/domain/epochs/epoch-clock';
import { DomainError } from 'src/domain/shared/domain.error';
import { parseNodeId, type NodeId } from 'src/domain/shared/node-id';
import { distributeEpochRewards } from 'src/domain/staking/epoch-rewards';
import { joinStakedWal, splitStakedWal, type WalrusContext } from 'src/domain/staking/staked-wal';
import { StakingPool, type CommissionRule } from 'src/domain/staking/staking-pool';
import { selectCapacity, selectPrices } from 'src/domain/votes/quorum';
import { RecentEpochs } from 'src/devnet/recent-epochs';
import { LedgerExchangeRates } from 'src/devnet/walrus/ledger-exchange-rates';

/**
 * A simulated Walrus deployment: the staking and system state machine of the contracts, computed by
 * the domain core, with every change written to the ledger as the objects, effects and events the
 * real contracts produce. Operations abort where the contracts abort (a `DomainError` naming the
 * Move abort); an aborted operation changes nothing.
 */
export class WalrusNetwork implements WalrusStateView {
  readonly deployment: WalrusDeployment;
  readonly nShards: number;
  readonly epochDurationMs: number;
  readonly firstEpochStartMs: number;
  readonly commissionRule: CommissionRule;

  epoch = 0;
  epochState: EpochState;
  committee: Committee = [];
  previousCommittee: Committee = [];
  nextCommittee: Committee | undefined;
  nextEpochCapacity: bigint | undefined;
  readonly activeSet: ActiveSet;
  readonly nodes = new Map<NodeId, NodeRecord>();
  readonly positions = new Map<string, StakePosition>();
  /** `SlashingManager.slashing_candidates`, by candidate. */
  readonly slashingProposals = new Map<NodeId, SlashingProposalRecord>();
  // `system_state_inner::create_empty` starts both at 0; the first epoch change sets them.
  storagePrice = 0n;
  writePrice = 0n;
  totalCapacity = 0n;
  nowMs: number;
  /** When each of the latest thousand epochs started: the time of its `EpochChangeStart`. */
  readonly epochStartsMs = new RecentEpochs<number>();

  readonly fund: FundBucket[];
  readonly projection: WalrusLedgerProjection;
  private readonly slashing: WalrusSlashingManager;
  /** `set_name`, `set_commission_receiver`, `collect_commission` and the other identity calls. */
  readonly identity: WalrusNodeIdentity;
  /** `register_deny_list_update` and `update_deny_list`. */
  readonly denyLists: WalrusDenyLists;
  /** `vote_for_upgrade` and the upgrade it authorises. */
  readonly upgrades: WalrusUpgradeManager;
  /** The subsidies package deployed beside Walrus, when the network has one. */
  readonly subsidies: WalrusSubsidiesProgram | undefined;
  private readonly rewardsPerEpoch: bigint;
  private readonly usedCapacity: bigint;

  constructor(
    private readonly ledger: SuiLedger,
    options: WalrusNetworkOptions,
  ) {
    this.nShards = options.nShards;
    this.epochDurationMs = options.epochDurationMs;
    this.firstEpochStartMs = options.genesisTimeMs + options.epochZeroDurationMs;
    this.commissionRule = options.commissionRule ?? 'exact-epoch';
    this.nowMs = options.genesisTimeMs;
    this.epochState = { kind: 'EpochChangeDone', doneAtMs: options.genesisTimeMs };
    this.activeSet = new ActiveSet(options.activeSetSize ?? DEPLOYED_ACTIVE_SET_SIZE_LIMIT);
    this.rewardsPerEpoch = options.rewardsPerEpoch ?? 0n;
    this.usedCapacity = options.usedCapacity ?? 0n;

    this.projection = new WalrusLedgerProjection(ledger, this, options.seed);
    this.deployment = this.projection.deployment;
    this.slashing = new WalrusSlashingManager(this, this.slashingProposals);
    this.identity = new WalrusNodeIdentity(this);
    this.denyLists = new WalrusDenyLists(this);
    this.upgrades = new WalrusUpgradeManager(ledger, this);
    this.fund = Array.from({ length: MAX_EPOCHS_AHEAD }, (_, i) => ({
      epoch: i,
      usedCapacity: this.usedCapacity,
      rewards: this.rewardsPerEpoch,
    }));
    this.commit('init', 'init', {
      writes: [
        ...this.projection.rootWrites(),
        ...this.projection.stakingWrites({ activeSet: true }),
        ...this.projection.systemWrites(),
        this.projection.slashingManagerWrite(),
      ],
    });
    this.upgrades.create('init');
    this.subsidies =
      options.subsidies === undefined
        ? undefined
        : new WalrusSubsidiesProgram(ledger, this, options.subsidies);
    this.subsidies?.create('init');
  }

  /**
   * `system::reserve_space`: a user pays `amount` FROST for storage over the next `epochs` epochs,
   * spread evenly over their reward buckets (the remainder to the first).
   */
  reserveSpace(payer: string, amount: bigint, epochs: number): void {
    const buckets = this.fund.slice(0, Math.max(1, Math.min(epochs, this.fund.length)));
    const share = amount / BigInt(buckets.length);
    buckets.forEach((bucket, index) => {
      bucket.rewards += share + (index === 0 ? amount - share * BigInt(buckets.length) : 0n);
    });
    const writes = this.projection.systemWrites();
    this.commit(normalizeSuiAddress(payer), 'reserve_space', { writes }, 'system');
  }

  /** A storage node runs `process_subsidies`, as they do around each epoch change. */
  processSubsidies(): void {
    this.subsidies?.process(this.systemSender());
  }

  get types(): ReturnType<typeof W.walrusTypes> {
    return this.projection.types;
  }

  /** True between `voting_end` and the next epoch change. */
  get committeeSelected(): boolean {
    return this.nextCommittee !== undefined;
  }

  private get wctx(): WalrusContext {
    return { epoch: this.epoch, committeeSelected: this.committeeSelected };
  }

  advanceClock(toMs: number): void {
    this.nowMs = Math.max(this.nowMs, toMs);
  }

  // === staking::register_candidate ===

  registerCandidate(candidate: CandidateRegistration): NodeId {
    const { operator, networkAddress, networkPublicKey, key } = checkCandidate(
      candidate,
      this.epoch,
      this.projection,
    );
    const nodeId = parseNodeId(this.ledger.newObjectId());
    const { commissionRate } = candidate;
    // The table's ID is read once the record exists (its IDs are created in their usual order).
    const exchangeRates = new LedgerExchangeRates(this.ledger, () => node.exchangeRatesId);
    const node: NodeRecord = {
      nodeId,
      capId: this.ledger.newObjectId(),
      operator,
      name: candidate.name,
      networkAddress,
      publicKey:
        key === undefined
          ? nodePublicKey(this.projection.derivedBytes('bls', nodeId, 48))
          : uncompressPublicKey(key.publicKey),
      nextPublicKey: null,
      networkPublicKey,
      metadata: { imageUrl: '', projectUrl: '', description: '', extraFields: [] },
      commissionReceiver: { kind: 'address', address: operator },
      governanceAuthorized: { kind: 'address', address: operator },
      pool: new StakingPool({ nodeId, commissionRate, wctx: this.wctx, exchangeRates }),
      metadataId: this.ledger.newObjectId(),
      exchangeRatesId: this.ledger.newObjectId(),
      extraFieldsId: this.ledger.newObjectId(),
      votes: {
        storagePrice: candidate.storagePrice,
        writePrice: candidate.writePrice,
        nodeCapacity: candidate.nodeCapacity,
      },
      lastEpochSyncDone: 0,
      denyListRoot: 0n,
      denyListSequence: 0n,
      denyListSize: 0n,
    };
    this.nodes.set(nodeId, node);
    this.commit(node.operator, 'register_candidate', {
      writes: [
        ...this.projection.stakingWrites({}),
        ...this.projection.poolRegistration(node),
        this.projection.capWrite(node),
      ],
    });
    return nodeId;
  }

  // === staking::stake_with_pool / request_withdraw_stake / withdraw_stake ===

  stakeWithPool(owner: string, nodeId: NodeId, amount: bigint): string {
    const node = this.node(nodeId);
    const stakedWal = node.pool.stake(amount, this.wctx);
    const position: StakePosition = {
      id: this.ledger.newObjectId(),
      owner: normalizeSuiAddress(owner),
      stakedWal,
    };
    this.positions.set(position.id, position);
    this.refreshActiveSet(node);
    this.commit(position.owner, 'stake_with_pool', {
      writes: [
        ...this.projection.stakingWrites({ activeSet: true, pools: [node] }),
        this.projection.stakedWalWrite(position),
      ],
    });
    return position.id;
  }

  requestWithdrawStake(owner: string, stakedWalId: string): void {
    const position = this.position(owner, stakedWalId);
    const node = this.node(position.stakedWal.nodeId);
    position.stakedWal = node.pool.requestWithdrawStake(
      position.stakedWal,
      this.inCommittee(this.committee, node.nodeId),
      this.nextCommittee !== undefined && this.inCommittee(this.nextCommittee, node.nodeId),
      this.wctx,
    );
    this.refreshActiveSet(node);
    this.commit(position.owner, 'request_withdraw_stake', {
      writes: [
        ...this.projection.stakingWrites({ activeSet: true, pools: [node] }),
        this.projection.stakedWalWrite(position),
      ],
    });
  }

  /** Returns principal plus rewards paid, FROST. */
  withdrawStake(owner: string, stakedWalId: string): bigint {
    const position = this.position(owner, stakedWalId);
    const node = this.node(position.stakedWal.nodeId);
    const paid = node.pool.withdrawStake(
      position.stakedWal,
      this.inCommittee(this.committee, node.nodeId),
      this.nextCommittee !== undefined && this.inCommittee(this.nextCommittee, node.nodeId),
      this.wctx,
    );
    this.positions.delete(stakedWalId);
    this.refreshActiveSet(node);
    const amount = paid.principal + paid.rewards;
    this.commit(position.owner, 'withdraw_stake', {
      writes: [
        ...this.projection.stakingWrites({ activeSet: true, pools: [node] }),
        this.projection.coinWrite(position.owner, amount),
      ],
      deletes: [stakedWalId],
    });
    return amount;
  }

  // === staked_wal::split / join ===

  /** Splits `amount` off a StakedWal into a new one; both keep at least 1 WAL. Returns the new ID. */
  splitStakedWal(owner: string, stakedWalId: string, amount: bigint): string {
    const position = this.position(owner, stakedWalId);
    const [rest, part] = splitStakedWal(position.stakedWal, amount);
    position.stakedWal = rest;
    const created: StakePosition = { id: this.ledger.newObjectId(), owner: position.owner, stakedWal: part };
    this.positions.set(created.id, created);
    this.commit(
      position.owner,
      'split',
      { writes: [this.projection.stakedWalWrite(position), this.projection.stakedWalWrite(created)] },
      'staked_wal',
    );
    return created.id;
  }

  /** Joins `otherId` into `stakedWalId`: same node, activation epoch and state. */
  joinStakedWal(owner: string, stakedWalId: string, otherId: string): void {
    const position = this.position(owner, stakedWalId);
    const other = this.position(owner, otherId);
    if (position.id === other.id) {
      throw new DomainError('INVALID_ARGUMENT', 'cannot join a StakedWal with itself');
    }
    position.stakedWal = joinStakedWal(position.stakedWal, other.stakedWal);
    this.positions.delete(other.id);
    this.commit(
      position.owner,
      'join',
      { writes: [this.projection.stakedWalWrite(position)], deletes: [other.id] },
      'staked_wal',
    );
  }

  // === node parameters ===

  setNextCommission(nodeId: NodeId, commissionRate: number): void {
    const node = this.node(nodeId);
    node.pool.setNextCommission(commissionRate, this.wctx);
    this.commit(node.operator, 'set_next_commission', {
      writes: this.projection.stakingWrites({ pools: [node] }),
    });
  }

  /**
   * A node changes its votes, one `set_*_vote` call per value in one transaction. Prices in the
   * System move only when the node appends `update_prices` (the node software does when told to
   * price in WAL immediately); otherwise they wait for the next `update_prices` or epoch change.
   */
  setVotes(
    nodeId: NodeId,
    votes: Partial<NodeRecord['votes']>,
    { updatePrices = false }: { updatePrices?: boolean } = {},
  ): void {
    const node = this.node(nodeId);
    node.votes = {
      storagePrice: votes.storagePrice ?? node.votes.storagePrice,
      writePrice: votes.writePrice ?? node.votes.writePrice,
      nodeCapacity: votes.nodeCapacity ?? node.votes.nodeCapacity,
    };
    const calls: ContractCall[] = [
      ...(votes.storagePrice === undefined ? [] : ['set_storage_price_vote']),
      ...(votes.writePrice === undefined ? [] : ['set_write_price_vote']),
      ...(votes.nodeCapacity === undefined ? [] : ['set_node_capacity_vote']),
      ...(updatePrices ? ['update_prices'] : []),
    ].map((fn) => ({ module: 'staking', function: fn }));
    const events = updatePrices ? [this.updatePrices()] : [];
    this.commit(node.operator, calls, {
      writes: [
        ...this.projection.stakingWrites({ pools: [node] }),
        ...(updatePrices ? this.projection.systemWrites() : []),
      ],
      events,
    });
  }

  get denyListSizes(): ReadonlyMap<NodeId, bigint> {
    return this.denyLists.sizes;
  }

  // === staking::voting_end ===

  votingEnd(): void {
    const state = this.epochState;
    if (state.kind !== 'EpochChangeDone') {
      throw wrongEpochState('voting_end needs the epoch change to be done');
    }
    const allowedAt =
      this.epoch === 0 ? this.firstEpochStartMs : state.doneAtMs + Math.floor(this.epochDurationMs / 2);
    if (this.nowMs < allowedAt) {
      throw wrongEpochState(`voting_end is allowed from ${new Date(allowedAt).toISOString()}`);
    }
    const next = computeNextCommittee({
      nShards: this.nShards,
      activeSet: this.activeSet.entries.map(({ nodeId, stake }) => ({ nodeId, stake })),
      currentCommittee: this.committee,
    }).committee;
    const capacity = selectCapacity(
      next.map((member) => ({
        nodeCapacity: this.node(member.nodeId).votes.nodeCapacity,
        weight: member.shards.length,
      })),
      this.nShards,
    ).value;

    for (const member of this.previousCommittee) {
      this.node(member.nodeId).pool.clearBlockedCommission();
    }
    this.nextCommittee = next;
    this.nextEpochCapacity = capacity;
    this.epochState = { kind: 'NextParamsSelected', doneAtMs: state.doneAtMs };
    this.commit(this.systemSender(), 'voting_end', {
      writes: [
        ...this.projection.stakingWrites({ pools: this.previousCommittee.map((m) => this.node(m.nodeId)) }),
        this.projection.nextEpochKeysWrite(),
      ],
      events: [
        this.projection.event(
          'EpochParametersSelected',
          W.EpochParametersSelected.serialize({ next_epoch: this.epoch + 1 }),
        ),
      ],
    });
  }

  // === staking::initiate_epoch_change_v2 ===

  initiateEpochChange(): void {
    const state = this.epochState;
    const next = this.nextCommittee;
    if (state.kind !== 'NextParamsSelected' || next === undefined) {
      throw wrongEpochState('the epoch change needs the next committee to be selected');
    }
    const allowedAt = this.epoch === 0 ? this.firstEpochStartMs : state.doneAtMs + this.epochDurationMs;
    if (this.nowMs < allowedAt) {
      throw wrongEpochState(`the epoch change is allowed from ${new Date(allowedAt).toISOString()}`);
    }

    // System side: burn 3% of the ending bucket, pay the old committee, carry the remainder.
    const ending = this.fund.shift() as FundBucket;
    const split = distributeEpochRewards({
      bucket: ending.rewards,
      usedCapacity: ending.usedCapacity,
      members: this.committee.map((member) => ({
        nodeId: member.nodeId,
        shards: member.shards.length,
        denyListSize: this.node(member.nodeId).denyListSize,
      })),
    });
    const lastEpoch = this.fund[this.fund.length - 1]?.epoch ?? ending.epoch;
    this.fund.push({ epoch: lastEpoch + 1, usedCapacity: this.usedCapacity, rewards: this.rewardsPerEpoch });
    const current = this.fund[0] as FundBucket;
    current.rewards += split.leftover;
    this.totalCapacity =
      (this.nextEpochCapacity ?? 0n) > current.usedCapacity
        ? (this.nextEpochCapacity ?? 0n)
        : current.usedCapacity;

    // Staking side.
    const oldCommittee = this.committee;
    this.epoch += 1;
    this.epochStartsMs.set(this.epoch, this.nowMs);
    this.previousCommittee = oldCommittee;
    this.committee = next;
    this.nextCommittee = undefined;
    this.nextEpochCapacity = undefined;
    this.epochState = { kind: 'EpochChangeSync', weight: 0 };
    const wctx = this.wctx;
    const advanced: NodeRecord[] = [];
    // The paid members first, then the members that join without a reward.
    const joining = diffCommittees(oldCommittee, next).onlyInSecond.map((nodeId) => ({ nodeId, reward: 0n }));
    for (const { nodeId, reward } of [...split.perNode, ...joining]) {
      const node = this.node(nodeId);
      node.pool.advanceEpoch(reward, wctx, this.commissionRule);
      rotatePublicKey(node);
      this.activeSet.insertOrUpdate(nodeId, node.pool.walBalanceAtEpoch(this.epoch + 1));
      advanced.push(node);
    }
    const pricesUpdated = this.updatePrices();
    this.commit(this.systemSender(), 'initiate_epoch_change_v2', {
      writes: [
        ...this.projection.stakingWrites({ activeSet: true, pools: advanced }),
        ...advanced.flatMap((node) => this.projection.exchangeRateWrites(node)),
        ...this.projection.systemWrites(),
        this.projection.nextEpochKeysWrite(),
      ],
      events: [
        this.projection.event('EpochChangeStart', W.EpochChangeStart.serialize({ epoch: this.epoch })),
        pricesUpdated,
      ],
    });
  }

  // === staking::epoch_sync_done ===

  epochSyncDone(nodeId: NodeId, epoch = this.epoch): void {
    const node = this.node(nodeId);
    if (epoch !== this.epoch) {
      throw new DomainError(
        'INVALID_STATE',
        `sync attested for epoch ${epoch}, current is ${this.epoch}`,
        abort('EInvalidSyncEpoch', 1),
      );
    }
    if (node.lastEpochSyncDone >= this.epoch) {
      throw new DomainError(
        'INVALID_STATE',
        `${node.name} already attested epoch ${epoch}`,
        abort('EDuplicateSyncDone', 2),
      );
    }
    const member = this.committee.find((candidate) => candidate.nodeId === nodeId);
    if (member === undefined) {
      throw new DomainError(
        'INVALID_STATE',
        `${node.name} is not in the committee`,
        abort('ENotInCommittee', 4),
      );
    }
    node.lastEpochSyncDone = this.epoch;
    const before = this.epochState;
    this.epochState = recordSyncDone(before, member.shards.length, this.nShards, this.nowMs);
    const events = [
      this.projection.event(
        'ShardsReceived',
        W.ShardsReceived.serialize({ epoch, shards: [...member.shards] }),
      ),
    ];
    if (before.kind === 'EpochChangeSync' && this.epochState.kind === 'EpochChangeDone') {
      events.unshift(this.projection.event('EpochChangeDone', W.EpochChangeDone.serialize({ epoch })));
    }
    this.commit(node.operator, 'epoch_sync_done', {
      writes: [...this.projection.stakingWrites({}), this.projection.capWrite(node)],
      events,
    });
  }

  // === slashing::vote_for_slashing / execute_slashing / cleanup_slashing_proposals ===

  voteForSlashing(voterId: NodeId, candidateId: NodeId, sender = this.node(voterId).operator): void {
    this.slashing.vote(normalizeSuiAddress(sender), voterId, candidateId);
  }
  executeSlashing(candidateId: NodeId, sender: string): bigint {
    return this.slashing.execute(candidateId, sender);
  }
  cleanupSlashingProposals(candidateIds: readonly NodeId[], sender: string): void {
    this.slashing.cleanup(candidateIds, sender);
  }

  // === reads ===

  node(nodeId: NodeId): NodeRecord {
    const node = this.nodes.get(nodeId);
    if (node === undefined) {
      throw new DomainError('INVALID_ARGUMENT', `no storage node ${nodeId}`, abort('EPoolNotFound', 8));
    }
    return node;
  }

  // === internals ===

  private position(owner: string, stakedWalId: string): StakePosition {
    const position = this.positions.get(normalizeSuiAddress(stakedWalId));
    if (position === undefined || position.owner !== normalizeSuiAddress(owner)) {
      throw new DomainError('INVALID_ARGUMENT', `${owner} owns no StakedWal ${stakedWalId}`);
    }
    return position;
  }

  private inCommittee(committee: Committee, nodeId: NodeId): boolean {
    return committee.some((member) => member.nodeId === nodeId);
  }

  /** The active set tracks the stake for the next vote: E+1 before voting_end, E+2 after. */
  private refreshActiveSet(node: NodeRecord): void {
    const target = this.committeeSelected ? this.epoch + 2 : this.epoch + 1;
    this.activeSet.insertOrUpdate(node.nodeId, node.pool.walBalanceAtEpoch(target));
  }

  private updatePrices(): EventRecord {
    const prices = selectPrices(
      this.committee.map((member) => {
        const votes = this.node(member.nodeId).votes;
        return {
          storagePrice: votes.storagePrice,
          writePrice: votes.writePrice,
          weight: member.shards.length,
        };
      }),
      this.nShards,
    );
    this.storagePrice = prices.storagePrice;
    this.writePrice = prices.writePrice;
    return this.projection.event(
      'PricesUpdated',
      W.PricesUpdated.serialize({
        epoch: this.epoch,
        storage_price: prices.storagePrice,
        write_price: prices.writePrice,
      }),
    );
  }

  /** One transaction of the contracts: the call, the objects it wrote and deleted, its events. */
  readonly commit: ContractCommit = (sender, fn, { writes, deletes, events }, module = 'staking') => {
    const calls = typeof fn === 'string' ? [{ module, function: fn }] : fn;
    this.ledger.execute({
      sender,
      calls: calls.map((call) => ({ ...call, package: call.package ?? this.deployment.packageId })),
      writes,
      deletes,
      events,
    });
  };

  private systemSender(): string {
    const first = this.committee[0] ?? this.activeSet.entries[0];
    return first === undefined ? normalizeSuiAddress('0x0') : this.node(first.nodeId).operator;
  }
}

function wrongEpochState(message: string): DomainError {
  return new DomainError('INVALID_STATE', message, abort('EWrongEpochState', 0));
}
