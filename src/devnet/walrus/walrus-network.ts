import { createHash } from 'node:crypto';
import { bcs } from '@mysten/sui/bcs';
import { normalizeSuiAddress } from '@mysten/sui/utils';
import * as W from 'src/chain/walrus-bcs';
import type { EventRecord, ObjectWrite, SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { WalrusObjectWriter } from 'src/devnet/walrus/walrus-objects';
import { ActiveSet, DEPLOYED_ACTIVE_SET_SIZE_LIMIT } from 'src/domain/committee/active-set';
import { computeNextCommittee, diffCommittees, type Committee } from 'src/domain/committee/committee';
import { recordSyncDone, type EpochState } from 'src/domain/epochs/epoch-clock';
import { DomainError } from 'src/domain/shared/domain.error';
import { parseNodeId, type NodeId } from 'src/domain/shared/node-id';
import { U64_MAX } from 'src/domain/shared/u64';
import { distributeEpochRewards } from 'src/domain/staking/epoch-rewards';
import type { PoolExchangeRate } from 'src/domain/staking/exchange-rate';
import {
  joinStakedWal,
  splitStakedWal,
  type StakedWal,
  type WalrusContext,
} from 'src/domain/staking/staked-wal';
import { StakingPool, type CommissionRule } from 'src/domain/staking/staking-pool';
import { isQuorum, quorumWeight, selectCapacity, selectPrices } from 'src/domain/votes/quorum';

/** `max_epochs_ahead` of mainnet and testnet: the storage fund keeps one bucket per future epoch. */
const MAX_EPOCHS_AHEAD = 53;
const STAKING_INNER_VERSION = 1n;
const SYSTEM_INNER_VERSION = 1n;

export interface WalrusNetworkOptions {
  /** Same seed, same object IDs, keys and digests. */
  readonly seed: string;
  readonly nShards: number;
  readonly epochDurationMs: number;
  /** Epoch 0 lasts this long from genesis (`epoch_zero_duration`). */
  readonly epochZeroDurationMs: number;
  readonly genesisTimeMs: number;
  readonly activeSetSize?: number;
  readonly commissionRule?: CommissionRule;
  /** Storage fees that land in each future epoch's bucket, FROST. */
  readonly rewardsPerEpoch?: bigint;
  /** Used storage capacity, bytes, for reward weighting. */
  readonly usedCapacity?: bigint;
}

export interface CandidateRegistration {
  readonly name: string;
  /** The operator's address: owns the StorageNodeCap. */
  readonly operator: string;
  readonly commissionRate: number;
  readonly storagePrice: bigint;
  readonly writePrice: bigint;
  readonly nodeCapacity: bigint;
}

export interface NodeRecord {
  readonly nodeId: NodeId;
  readonly capId: string;
  readonly operator: string;
  readonly name: string;
  readonly networkAddress: string;
  readonly publicKey: Uint8Array;
  readonly networkPublicKey: Uint8Array;
  readonly pool: StakingPool;
  readonly metadataId: string;
  readonly exchangeRatesId: string;
  readonly extraFieldsId: string;
  votes: { storagePrice: bigint; writePrice: bigint; nodeCapacity: bigint };
  lastEpochSyncDone: number;
  denyListSize: bigint;
}

export interface StakePosition {
  readonly id: string;
  readonly owner: string;
  stakedWal: StakedWal;
}

/** `slashing::SlashingProposal`: the votes against one node in one epoch. */
export interface SlashingProposalRecord {
  readonly epoch: number;
  readonly votingWeight: number;
  readonly voters: readonly NodeId[];
}

interface FundBucket {
  epoch: number;
  usedCapacity: bigint;
  rewards: bigint;
}

/** Object IDs a client needs to find the Walrus contracts on the devnet. */
export interface WalrusDeployment {
  readonly packageId: string;
  readonly stakingObjectId: string;
  readonly systemObjectId: string;
  readonly slashingManagerId: string;
  readonly walCoinType: string;
}

/**
 * A simulated Walrus deployment: the staking and system state machine of the contracts, computed by
 * the domain core, with every change written to the ledger as the objects, effects and events the
 * real contracts produce. Operations abort where the contracts abort (a `DomainError` naming the
 * Move abort); an aborted operation changes nothing.
 */
export class WalrusNetwork {
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
  storagePrice = U64_MAX;
  writePrice = U64_MAX;
  totalCapacity = 0n;
  nowMs: number;

  private readonly writer: WalrusObjectWriter;
  private readonly typeOrigin: string;
  private readonly ids: {
    readonly poolsTable: string;
    readonly activeSetField: string;
    readonly nextEpochKeysField: string;
    readonly denyListField: string;
    readonly slashingTable: string;
  };
  private readonly fund: FundBucket[];
  private readonly rewardsPerEpoch: bigint;
  private readonly usedCapacity: bigint;
  private readonly recordedRates = new Map<NodeId, number>();

  constructor(
    private readonly ledger: SuiLedger,
    private readonly options: WalrusNetworkOptions,
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

    const packageId = ledger.newObjectId();
    const walPackage = ledger.newObjectId();
    this.typeOrigin = packageId;
    this.writer = new WalrusObjectWriter(ledger, packageId);
    this.deployment = {
      packageId,
      stakingObjectId: ledger.newObjectId(),
      systemObjectId: ledger.newObjectId(),
      slashingManagerId: ledger.newObjectId(),
      walCoinType: `${walPackage}::wal::WAL`,
    };
    this.ids = {
      poolsTable: ledger.newObjectId(),
      activeSetField: ledger.newObjectId(),
      nextEpochKeysField: ledger.newObjectId(),
      denyListField: ledger.newObjectId(),
      slashingTable: ledger.newObjectId(),
    };
    this.fund = Array.from({ length: MAX_EPOCHS_AHEAD }, (_, i) => ({
      epoch: i,
      usedCapacity: this.usedCapacity,
      rewards: this.rewardsPerEpoch,
    }));
    this.commit('init', 'init', {
      writes: [
        ...this.rootWrites(),
        ...this.stakingWrites({ activeSet: true }),
        ...this.systemWrites(),
        this.slashingManagerWrite(),
      ],
    });
  }

  get types(): ReturnType<typeof W.walrusTypes> {
    return W.walrusTypes(this.typeOrigin);
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
    const nodeId = parseNodeId(this.ledger.newObjectId());
    const node: NodeRecord = {
      nodeId,
      capId: this.ledger.newObjectId(),
      operator: normalizeSuiAddress(candidate.operator),
      name: candidate.name,
      networkAddress: `${candidate.name}.walrus.local:9185`,
      publicKey: this.derivedBytes('bls', nodeId, 96),
      networkPublicKey: this.derivedBytes('network', nodeId, 33),
      pool: new StakingPool({ nodeId, commissionRate: candidate.commissionRate, wctx: this.wctx }),
      metadataId: this.ledger.newObjectId(),
      exchangeRatesId: this.ledger.newObjectId(),
      extraFieldsId: this.ledger.newObjectId(),
      votes: {
        storagePrice: candidate.storagePrice,
        writePrice: candidate.writePrice,
        nodeCapacity: candidate.nodeCapacity,
      },
      lastEpochSyncDone: 0,
      denyListSize: 0n,
    };
    this.nodes.set(nodeId, node);
    this.recordedRates.set(nodeId, 0);
    this.commit(node.operator, 'register_candidate', {
      writes: [
        ...this.stakingWrites({}),
        ...this.writer.objectTableEntry(
          this.ids.poolsTable,
          nodeId,
          this.types.stakingPool,
          this.encodePool(node),
        ),
        ...this.exchangeRateWrites(node),
        this.capWrite(node),
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
      writes: [...this.stakingWrites({ activeSet: true, pools: [node] }), this.stakedWalWrite(position)],
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
      writes: [...this.stakingWrites({ activeSet: true, pools: [node] }), this.stakedWalWrite(position)],
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
        ...this.stakingWrites({ activeSet: true, pools: [node] }),
        this.coinWrite(position.owner, amount),
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
      { writes: [this.stakedWalWrite(position), this.stakedWalWrite(created)] },
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
      { writes: [this.stakedWalWrite(position)], deletes: [other.id] },
      'staked_wal',
    );
  }

  // === node parameters ===

  setNextCommission(nodeId: NodeId, commissionRate: number): void {
    const node = this.node(nodeId);
    node.pool.setNextCommission(commissionRate, this.wctx);
    this.commit(node.operator, 'set_next_commission', { writes: this.stakingWrites({ pools: [node] }) });
  }

  setVotes(nodeId: NodeId, votes: Partial<NodeRecord['votes']>): void {
    const node = this.node(nodeId);
    node.votes = { ...node.votes, ...votes };
    const events: EventRecord[] = [];
    if (votes.storagePrice !== undefined || votes.writePrice !== undefined) {
      // Price votes take effect at once: nodes call update_prices in the same transaction.
      events.push(this.updatePrices());
    }
    this.commit(node.operator, 'set_storage_price_vote', {
      writes: [...this.stakingWrites({ pools: [node] }), ...(events.length > 0 ? this.systemWrites() : [])],
      events,
    });
  }

  setDenyListSize(nodeId: NodeId, size: bigint): void {
    const node = this.node(nodeId);
    node.denyListSize = size;
    this.commit(node.operator, 'register_deny_list_update', {
      writes: [this.capWrite(node), ...this.systemWrites()],
    });
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
      writes: this.stakingWrites({ pools: this.previousCommittee.map((m) => this.node(m.nodeId)) }),
      events: [
        this.event(
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
    this.previousCommittee = oldCommittee;
    this.committee = next;
    this.nextCommittee = undefined;
    this.nextEpochCapacity = undefined;
    this.epochState = { kind: 'EpochChangeSync', weight: 0 };
    const wctx = this.wctx;
    const advanced: NodeRecord[] = [];
    for (const { nodeId, reward } of split.perNode) {
      const node = this.node(nodeId);
      node.pool.advanceEpoch(reward, wctx, this.commissionRule);
      this.activeSet.insertOrUpdate(nodeId, node.pool.walBalanceAtEpoch(this.epoch + 1));
      advanced.push(node);
    }
    for (const nodeId of diffCommittees(oldCommittee, next).onlyInSecond) {
      const node = this.node(nodeId);
      node.pool.advanceEpoch(0n, wctx, this.commissionRule);
      this.activeSet.insertOrUpdate(nodeId, node.pool.walBalanceAtEpoch(this.epoch + 1));
      advanced.push(node);
    }
    const pricesUpdated = this.updatePrices();
    this.commit(this.systemSender(), 'initiate_epoch_change_v2', {
      writes: [
        ...this.stakingWrites({ activeSet: true, pools: advanced }),
        ...advanced.flatMap((node) => this.exchangeRateWrites(node)),
        ...this.systemWrites(),
      ],
      events: [
        this.event('EpochChangeStart', W.EpochChangeStart.serialize({ epoch: this.epoch })),
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
      this.event('ShardsReceived', W.ShardsReceived.serialize({ epoch, shards: [...member.shards] })),
    ];
    if (before.kind === 'EpochChangeSync' && this.epochState.kind === 'EpochChangeDone') {
      events.unshift(this.event('EpochChangeDone', W.EpochChangeDone.serialize({ epoch })));
    }
    this.commit(node.operator, 'epoch_sync_done', {
      writes: [...this.stakingWrites({}), this.capWrite(node)],
      events,
    });
  }

  // === slashing::vote_for_slashing / execute_slashing / cleanup_slashing_proposals ===

  /**
   * A committee member votes to slash `candidateId` with its current shard count. A proposal from
   * an earlier epoch starts over: its votes lapse with the epoch.
   */
  voteForSlashing(voterId: NodeId, candidateId: NodeId): void {
    const voter = this.node(voterId);
    const member = this.committee.find((candidate) => candidate.nodeId === voterId);
    if (member === undefined) {
      throw new DomainError(
        'INVALID_STATE',
        `${voter.name} is not in the committee`,
        abort('ENotInCommittee', 4),
      );
    }
    const existing = this.slashingProposals.get(candidateId);
    const current =
      existing?.epoch === this.epoch ? existing : { epoch: this.epoch, votingWeight: 0, voters: [] };
    if (current.voters.includes(voterId)) {
      throw new DomainError(
        'INVALID_STATE',
        `${voter.name} already voted to slash ${candidateId} in epoch ${this.epoch}`,
        abort('EDuplicateVote', 1, 'slashing'),
      );
    }
    const proposal: SlashingProposalRecord = {
      epoch: this.epoch,
      votingWeight: current.votingWeight + member.shards.length,
      voters: [...current.voters, voterId],
    };
    this.slashingProposals.set(candidateId, proposal);
    this.commit(
      voter.operator,
      'vote_for_slashing',
      { writes: [this.slashingManagerWrite(), this.slashingProposalWrite(candidateId, proposal)] },
      'slashing',
    );
  }

  /** Burns the candidate's whole commission once its proposal of this epoch has a quorum. */
  executeSlashing(candidateId: NodeId, sender: string): bigint {
    const proposal = this.slashingProposals.get(candidateId);
    if (proposal === undefined) {
      throw new DomainError(
        'INVALID_STATE',
        `no slashing proposal against ${candidateId}`,
        abort('ENoProposalForNode', 2, 'slashing'),
      );
    }
    if (proposal.epoch !== this.epoch) {
      throw new DomainError(
        'INVALID_STATE',
        `the proposal against ${candidateId} is from epoch ${proposal.epoch}, not ${this.epoch}`,
        abort('EWrongEpoch', 3, 'slashing'),
      );
    }
    if (!isQuorum(proposal.votingWeight, this.nShards)) {
      throw new DomainError(
        'INVALID_STATE',
        `the proposal against ${candidateId} has ${proposal.votingWeight} of ${quorumWeight(this.nShards)} shards`,
        abort('ENotEnoughVotes', 4, 'slashing'),
      );
    }
    const node = this.node(candidateId);
    const fieldId = this.slashingProposalWrite(candidateId, proposal).objectId;
    this.slashingProposals.delete(candidateId);
    const burned = node.pool.burnCommission();
    this.commit(
      normalizeSuiAddress(sender),
      'execute_slashing',
      { writes: [...this.stakingWrites({ pools: [node] }), this.slashingManagerWrite()], deletes: [fieldId] },
      'slashing',
    );
    return burned;
  }

  /** Removes the named candidates' proposals from past epochs; anyone may call it. */
  cleanupSlashingProposals(candidateIds: readonly NodeId[], sender: string): void {
    const deletes: string[] = [];
    for (const candidateId of candidateIds) {
      const proposal = this.slashingProposals.get(candidateId);
      if (proposal !== undefined && proposal.epoch < this.epoch) {
        deletes.push(this.slashingProposalWrite(candidateId, proposal).objectId);
        this.slashingProposals.delete(candidateId);
      }
    }
    this.commit(
      normalizeSuiAddress(sender),
      'cleanup_slashing_proposals',
      { writes: [this.slashingManagerWrite()], deletes },
      'slashing',
    );
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
    return this.event(
      'PricesUpdated',
      W.PricesUpdated.serialize({
        epoch: this.epoch,
        storage_price: prices.storagePrice,
        write_price: prices.writePrice,
      }),
    );
  }

  private commit(
    sender: string,
    fn: string,
    { writes, deletes, events }: { writes: ObjectWrite[]; deletes?: string[]; events?: EventRecord[] },
    module = 'staking',
  ): void {
    this.ledger.execute({
      sender,
      calls: [{ package: this.deployment.packageId, module, function: fn }],
      writes,
      deletes,
      events,
    });
  }

  private event(name: string, serialized: { toBytes: () => Uint8Array }): EventRecord {
    return {
      packageId: this.deployment.packageId,
      module: 'staking',
      type: this.types.event(name),
      contents: serialized.toBytes(),
    };
  }

  private systemSender(): string {
    const first = this.committee[0] ?? this.activeSet.entries[0];
    return first === undefined ? normalizeSuiAddress('0x0') : this.node(first.nodeId).operator;
  }

  private rootWrites(): ObjectWrite[] {
    const header = (id: string, version: bigint) =>
      W.VersionedRoot.serialize({
        id,
        version,
        package_id: this.deployment.packageId,
        new_package_id: null,
      }).toBytes();
    return [
      {
        objectId: this.deployment.stakingObjectId,
        owner: { kind: 'shared', initialVersion: 1n },
        type: this.types.staking,
        contents: header(this.deployment.stakingObjectId, STAKING_INNER_VERSION),
      },
      {
        objectId: this.deployment.systemObjectId,
        owner: { kind: 'shared', initialVersion: 1n },
        type: this.types.system,
        contents: header(this.deployment.systemObjectId, SYSTEM_INNER_VERSION),
      },
    ];
  }

  /** The staking inner state, optionally the active set, and the given pools. */
  private stakingWrites({
    activeSet = false,
    pools = [],
  }: {
    activeSet?: boolean;
    pools?: NodeRecord[];
  }): ObjectWrite[] {
    const writes: ObjectWrite[] = [
      this.writer.versionedInner(
        this.deployment.stakingObjectId,
        STAKING_INNER_VERSION,
        this.types.stakingInner,
        this.encodeStakingInner(),
      ),
    ];
    if (activeSet) {
      writes.push(
        this.writer.extendedFieldValue(
          this.ids.activeSetField,
          this.types.activeSet,
          W.ActiveSet.serialize({
            max_size: this.activeSet.maxSize,
            threshold_stake: this.activeSet.thresholdStake,
            nodes: this.activeSet.entries.map((entry) => ({
              node_id: entry.nodeId,
              staked_amount: entry.stake,
            })),
            total_stake: this.activeSet.totalStake,
          }).toBytes(),
        ),
      );
    }
    for (const node of new Set(pools)) {
      writes.push({
        objectId: node.nodeId,
        owner: { kind: 'object', parent: this.poolFieldId(node.nodeId) },
        type: this.types.stakingPool,
        contents: this.encodePool(node),
      });
    }
    return writes;
  }

  private systemWrites(): ObjectWrite[] {
    const members = this.committee.map((member) => {
      const node = this.node(member.nodeId);
      return {
        public_key: { bytes: [...node.publicKey] },
        weight: member.shards.length,
        node_id: member.nodeId,
      };
    });
    const inner = W.SystemStateInnerV1.serialize({
      committee: {
        members,
        n_shards: this.nShards,
        epoch: this.epoch,
        total_aggregated_key: { bytes: [...this.derivedBytes('aggregate', String(this.epoch), 96)] },
      },
      total_capacity_size: this.totalCapacity,
      used_capacity_size: this.fund[0]?.usedCapacity ?? 0n,
      storage_price_per_unit_size: this.storagePrice,
      write_price_per_unit_size: this.writePrice,
      future_accounting: {
        current_index: this.epoch % MAX_EPOCHS_AHEAD,
        length: MAX_EPOCHS_AHEAD,
        ring_buffer: this.ringBuffer(),
      },
      event_blob_certification_state: {
        latest_certified_blob: null,
        aggregate_weight_per_blob: { contents: [] },
      },
      deny_list_sizes: { id: this.ids.denyListField },
    }).toBytes();
    const denyLists = [...this.nodes.values()]
      .filter((node) => node.denyListSize > 0n)
      .map((node) => ({ key: node.nodeId, value: node.denyListSize }));
    return [
      this.writer.versionedInner(
        this.deployment.systemObjectId,
        SYSTEM_INNER_VERSION,
        this.types.systemInner,
        inner,
      ),
      this.writer.extendedFieldValue(
        this.ids.denyListField,
        `0x2::vec_map::VecMap<0x2::object::ID, u64>`,
        W.VecMap(bcs.Address, bcs.u64()).serialize({ contents: denyLists }).toBytes(),
      ),
    ];
  }

  /** The fund buckets in ring order: slot (epoch mod length) holds that epoch. */
  private ringBuffer() {
    const slots = new Array<{
      epoch: number;
      used_capacity: bigint;
      rewards_to_distribute: { value: bigint };
    }>(MAX_EPOCHS_AHEAD);
    for (const bucket of this.fund) {
      slots[bucket.epoch % MAX_EPOCHS_AHEAD] = {
        epoch: bucket.epoch,
        used_capacity: bucket.usedCapacity,
        rewards_to_distribute: { value: bucket.rewards },
      };
    }
    return slots;
  }

  private encodeStakingInner(): Uint8Array {
    const committee = (members: Committee) => ({
      pos0: { contents: members.map((member) => ({ key: member.nodeId, value: [...member.shards] })) },
    });
    const state = this.epochState;
    return W.StakingInnerV1.serialize({
      n_shards: this.nShards,
      epoch_duration: BigInt(this.epochDurationMs),
      first_epoch_start: BigInt(this.firstEpochStartMs),
      pools: { id: this.ids.poolsTable, size: BigInt(this.nodes.size) },
      epoch: this.epoch,
      active_set: { id: this.ids.activeSetField },
      next_committee: this.nextCommittee === undefined ? null : committee(this.nextCommittee),
      committee: committee(this.committee),
      previous_committee: committee(this.previousCommittee),
      next_epoch_params:
        this.nextEpochCapacity === undefined
          ? null
          : {
              total_capacity_size: this.nextEpochCapacity,
              storage_price_per_unit_size: U64_MAX,
              write_price_per_unit_size: U64_MAX,
            },
      epoch_state:
        state.kind === 'EpochChangeSync'
          ? { EpochChangeSync: state.weight }
          : state.kind === 'EpochChangeDone'
            ? { EpochChangeDone: BigInt(state.doneAtMs) }
            : { NextParamsSelected: BigInt(state.doneAtMs) },
      next_epoch_public_keys: { id: this.ids.nextEpochKeysField },
    }).toBytes();
  }

  private encodePool(node: NodeRecord): Uint8Array {
    const pool = node.pool;
    const pending = (values: { entries: readonly { epoch: number; value: bigint }[] }) => ({
      pos0: { contents: values.entries.map((entry) => ({ key: entry.epoch, value: entry.value })) },
    });
    const state =
      pool.state.kind === 'Active'
        ? { Active: true as const }
        : pool.state.kind === 'Withdrawing'
          ? { Withdrawing: pool.state.epoch }
          : { Withdrawn: true as const };
    return W.StakingPool.serialize({
      id: node.nodeId,
      state,
      voting_params: {
        storage_price: node.votes.storagePrice,
        write_price: node.votes.writePrice,
        node_capacity: node.votes.nodeCapacity,
      },
      node_info: {
        name: node.name,
        node_id: node.nodeId,
        network_address: node.networkAddress,
        public_key: { bytes: [...node.publicKey] },
        next_epoch_public_key: null,
        network_public_key: [...node.networkPublicKey],
        metadata: { id: node.metadataId },
      },
      activation_epoch: pool.activationEpoch,
      latest_epoch: pool.latestEpoch,
      wal_balance: pool.walBalance,
      num_shares: pool.numShares,
      pending_shares_withdraw: pending(pool.pendingSharesWithdraw),
      pre_active_withdrawals: pending(pool.preActiveWithdrawals),
      pending_commission_rate: pending(pool.pendingCommissionRate),
      commission_rate: pool.commissionRate,
      exchange_rates: { id: node.exchangeRatesId, size: BigInt(pool.exchangeRates.size) },
      pending_stake: pending(pool.pendingStake),
      rewards_pool: { value: pool.rewardsPool },
      commission: { value: pool.commission },
      commission_receiver: { ObjectID: node.capId },
      governance_authorized: { Address: node.operator },
      extra_fields: { id: node.extraFieldsId, size: pool.blockedCommission > 0n ? 1n : 0n },
    }).toBytes();
  }

  /** Table entries for exchange rates recorded since the last write. */
  private exchangeRateWrites(node: NodeRecord): ObjectWrite[] {
    const written = this.recordedRates.get(node.nodeId) ?? 0;
    const rates = [...node.pool.exchangeRates.entries()];
    this.recordedRates.set(node.nodeId, rates.length);
    return rates
      .slice(written)
      .map(([epoch, rate]) =>
        this.writer.dynamicField(
          node.exchangeRatesId,
          'u32',
          bcs.u32(),
          epoch,
          `${this.typeOrigin}::pool_exchange_rate::PoolExchangeRate`,
          encodeRate(rate),
        ),
      );
  }

  private slashingManagerWrite(): ObjectWrite {
    return {
      objectId: this.deployment.slashingManagerId,
      owner: { kind: 'shared', initialVersion: 1n },
      type: this.types.slashingManager,
      contents: W.SlashingManager.serialize({
        id: this.deployment.slashingManagerId,
        slashing_candidates: { id: this.ids.slashingTable, size: BigInt(this.slashingProposals.size) },
      }).toBytes(),
    };
  }

  private slashingProposalWrite(candidateId: NodeId, proposal: SlashingProposalRecord): ObjectWrite {
    return this.writer.dynamicField(
      this.ids.slashingTable,
      '0x2::object::ID',
      bcs.Address,
      candidateId,
      this.types.slashingProposal,
      W.SlashingProposal.serialize({
        epoch: proposal.epoch,
        node_id: candidateId,
        voting_weight: proposal.votingWeight,
        voters: { contents: [...proposal.voters] },
      }).toBytes(),
    );
  }

  private stakedWalWrite(position: StakePosition): ObjectWrite {
    const { stakedWal } = position;
    return {
      objectId: position.id,
      owner: { kind: 'address', address: position.owner },
      type: this.types.stakedWal,
      contents: W.StakedWal.serialize({
        id: position.id,
        state:
          stakedWal.state.kind === 'Staked'
            ? { Staked: true }
            : { Withdrawing: { withdraw_epoch: stakedWal.state.withdrawEpoch } },
        node_id: stakedWal.nodeId,
        principal: { value: stakedWal.principal },
        activation_epoch: stakedWal.activationEpoch,
      }).toBytes(),
    };
  }

  /** The `Coin<WAL>` a withdrawal pays out. */
  private coinWrite(owner: string, amount: bigint): ObjectWrite {
    const id = this.ledger.newObjectId();
    return {
      objectId: id,
      owner: { kind: 'address', address: owner },
      type: `0x2::coin::Coin<${this.deployment.walCoinType}>`,
      contents: W.Coin.serialize({ id, balance: { value: amount } }).toBytes(),
    };
  }

  private capWrite(node: NodeRecord): ObjectWrite {
    return {
      objectId: node.capId,
      owner: { kind: 'address', address: node.operator },
      type: this.types.storageNodeCap,
      contents: W.StorageNodeCap.serialize({
        id: node.capId,
        node_id: node.nodeId,
        last_epoch_sync_done: node.lastEpochSyncDone,
        last_event_blob_attestation: null,
        deny_list_root: 0n,
        deny_list_sequence: 0n,
        deny_list_size: node.denyListSize,
      }).toBytes(),
    };
  }

  private poolFieldId(nodeId: NodeId): string {
    return this.ledger.dynamicFieldId(
      this.ids.poolsTable,
      '0x2::dynamic_object_field::Wrapper<0x2::object::ID>',
      bcs.Address.serialize(nodeId).toBytes(),
    );
  }

  /** Stand-in key material: deterministic bytes of the right length (not valid curve points). */
  private derivedBytes(kind: string, id: string, length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let offset = 0, round = 0; offset < length; round++) {
      const block = createHash('sha256').update(`${this.options.seed}/${kind}/${id}/${round}`).digest();
      out.set(block.subarray(0, Math.min(block.length, length - offset)), offset);
      offset += block.length;
    }
    return out;
  }
}

function encodeRate(rate: PoolExchangeRate): Uint8Array {
  return W.PoolExchangeRate.serialize(
    rate.kind === 'Flat' ? { Flat: true } : { Variable: [rate.walAmount, rate.shareAmount] },
  ).toBytes();
}

function abort(name: string, code: number, module = 'staking_inner') {
  return { package: 'walrus' as const, module, name, code };
}

function wrongEpochState(message: string): DomainError {
  return new DomainError('INVALID_STATE', message, abort('EWrongEpochState', 0));
}
