import { createHash } from 'node:crypto';
import { toHex } from '@mysten/sui/utils';
import { DEVNET_USED_CAPACITY_BYTES } from 'src/config/app-config';
import type { ScenarioEvent, Scenario, ScenarioNode } from 'src/devnet/scenario';
import { GasFaucet } from 'src/devnet/ledger/gas-faucet';
import { ReportProgram } from 'src/devnet/reports/report-program';
import { ColdObjectStore } from 'src/devnet/ledger/cold-object-store';
import { SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { seededRandom } from 'src/devnet/seeded-random';
import { SimulatedStorageNode } from 'src/devnet/storage-nodes/simulated-storage-node';
import { WalrusNetwork } from 'src/devnet/walrus/walrus-network';
import { DomainError } from 'src/domain/shared/domain.error';
import type { NodeId } from 'src/domain/shared/node-id';
import { canWithdrawEarly } from 'src/domain/staking/staked-wal';
import { compressG1 } from 'src/domain/staking/bls-key';

const FROST_PER_WAL = 1_000_000_000n;
const TB = 1_000_000_000_000n;
/** Sender of the permissionless calls nobody in the scenario owns (slashing execution, cleanup). */
const KEEPER = '0x6b656570';

export interface DevnetOptions {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly epochDurationMs: number;
  /** Virtual time between two checkpoints. */
  readonly checkpointIntervalMs?: number;
  /** Virtual time of genesis; with the seed and scenario it fixes the whole chain. */
  readonly genesisTimeMs: number;
  /** Checkpoints the ledger keeps (older ones are pruned); all when undefined. */
  readonly retainedCheckpoints?: number;
  /**
   * Where objects whose latest version left the retained window are kept on disk (in a fresh store
   * under this directory, gone when the devnet closes or its process ends), so that memory does not
   * grow with the chain's age; in memory when undefined.
   */
  readonly coldObjectsDirectory?: string;
}

export interface DevnetStats {
  transactions: number;
  /** Simulated user actions the contract refused (a failed transaction on a real chain). */
  aborted: number;
  lastAbort: string | undefined;
}

type Phase = 'start' | 'done' | 'selected';
const PHASE_RANK: Record<Phase, number> = { start: 0, done: 1, selected: 2 };

/**
 * The local Walrus-on-Sui network: the simulated contracts, their storage nodes, the scenario and
 * a seeded random workload, driven tick by tick in virtual time. Every tick seals one checkpoint.
 * Nothing reads the wall clock, so the same seed, scenario and genesis time give the same chain.
 */
export class Devnet {
  readonly ledger: SuiLedger;
  readonly network: WalrusNetwork;
  readonly storageNodes = new Map<NodeId, SimulatedStorageNode>();
  readonly nodeIds = new Map<string, NodeId>();
  readonly stats: DevnetStats = { transactions: 0, aborted: 0, lastAbort: undefined };
  readonly checkpointIntervalMs: number;
  /** The `tusk_reports` package, published at genesis. */
  readonly reports: ReportProgram;
  readonly faucet: GasFaucet;
  private readonly pendingEvents: ScenarioEvent[];
  private readonly random: () => number;
  /** The last epoch the storage workload bought in. */
  private storageBoughtFor = -1;
  /** Addresses of the random workload's delegators; scenario delegators act only as scripted. */
  private readonly workloadDelegators = new Set<string>();
  private nowMs: number;

  constructor(private readonly options: DevnetOptions) {
    const { scenario, seed, epochDurationMs, genesisTimeMs } = options;
    this.checkpointIntervalMs =
      options.checkpointIntervalMs ?? Math.max(50, Math.min(1000, Math.floor(epochDurationMs / 100)));
    this.random = seededRandom(seed);
    this.nowMs = genesisTimeMs;
    this.pendingEvents = [...scenario.events];
    const chainSeed = `${scenario.name}/${seed}`;
    this.ledger = new SuiLedger({
      chainId: toHex(createHash('sha256').update(chainSeed).digest().subarray(0, 4)),
      seed: chainSeed,
      retainedCheckpoints: options.retainedCheckpoints,
      coldStore:
        options.coldObjectsDirectory === undefined
          ? undefined
          : ColdObjectStore.temporary(options.coldObjectsDirectory),
    });
    this.network = new WalrusNetwork(this.ledger, {
      seed: chainSeed,
      nShards: scenario.nShards,
      epochDurationMs,
      epochZeroDurationMs: Math.floor(epochDurationMs / 2),
      genesisTimeMs,
      rewardsPerEpoch: scenario.rewardsPerEpochWal * FROST_PER_WAL,
      usedCapacity: DEVNET_USED_CAPACITY_BYTES,
      subsidies:
        scenario.subsidies === undefined
          ? undefined
          : {
              rateBps: scenario.subsidies.rateBps,
              baseSubsidy: scenario.subsidies.baseWal * FROST_PER_WAL,
              subsidyPerShard: scenario.subsidies.perShardWal * FROST_PER_WAL,
              funding: scenario.subsidies.fundWal * FROST_PER_WAL,
            },
    });
    for (const node of scenario.nodes) {
      this.addNode(node);
    }
    // Published last at genesis, so that the Walrus objects keep the IDs they had without it.
    this.reports = new ReportProgram(this.ledger, () => ({
      epoch: this.network.epoch,
      nowMs: this.nowMs,
      stakingObjectId: this.network.deployment.stakingObjectId,
    }));
    this.faucet = new GasFaucet(this.ledger);
    this.seal();
  }

  get now(): number {
    return this.nowMs;
  }

  /** Releases what the ledger holds outside memory. */
  async close(): Promise<void> {
    await this.ledger.close();
  }

  /** Advances virtual time by one checkpoint interval and seals a checkpoint. */
  tick(): void {
    this.nowMs += this.checkpointIntervalMs;
    this.network.advanceClock(this.nowMs);
    this.fireDueEvents();
    this.runWorkload();
    this.runStorageNodes();
    this.runEpochSchedule();
    this.fireDueEvents();
    this.seal();
  }

  /** Ticks until the network has completed the epoch change into `epoch`, or `maxTicks` runs out. */
  runUntilEpochDone(epoch: number, maxTicks = 100_000): void {
    for (let i = 0; i < maxTicks; i++) {
      if (this.network.epoch >= epoch && this.network.epochState.kind !== 'EpochChangeSync') {
        return;
      }
      this.tick();
    }
    throw new Error(
      `epoch ${epoch} was not reached within ${maxTicks} ticks (now epoch ${this.network.epoch})`,
    );
  }

  delegatorAddress(name: string): string {
    return `0x${createHash('sha256').update(`delegator/${name}`).digest('hex')}`;
  }

  // === scenario ===

  private addNode(node: ScenarioNode): NodeId {
    const operator = this.delegatorAddress(`operator-${node.name}`);
    const nodeId = this.attempt(() =>
      this.network.registerCandidate({
        name: node.name,
        operator,
        commissionRate: node.commissionBps,
        storagePrice: node.storagePrice,
        writePrice: node.writePrice,
        nodeCapacity: BigInt(node.capacityTb) * TB,
      }),
    );
    if (nodeId === undefined) {
      throw new Error(`could not register ${node.name}: ${this.stats.lastAbort ?? ''}`);
    }
    this.nodeIds.set(node.name, nodeId);
    const record = this.network.node(nodeId);
    this.storageNodes.set(
      nodeId,
      new SimulatedStorageNode({
        nodeId,
        name: node.name,
        // The node software prints its key compressed, in base64.
        publicKey: Buffer.from(compressG1(record.publicKey)).toString('base64'),
        transferMs: Math.max(this.options.epochDurationMs * this.options.scenario.handoffEpochFraction, 1),
        recoveryAfterMs: Math.max(
          this.options.epochDurationMs * this.options.scenario.recoveryAfterEpochFraction,
          1,
        ),
      }),
    );
    if (node.stakeWal > 0n) {
      this.attempt(() => this.network.stakeWithPool(operator, nodeId, node.stakeWal * FROST_PER_WAL));
    }
    return nodeId;
  }

  private phase(): Phase {
    switch (this.network.epochState.kind) {
      case 'EpochChangeSync':
        return 'start';
      case 'EpochChangeDone':
        return 'done';
      case 'NextParamsSelected':
        return 'selected';
    }
  }

  private fireDueEvents(): void {
    const epoch = this.network.epoch;
    const rank = PHASE_RANK[this.phase()];
    const storage = this.options.scenario.workload.storage;
    if (storage !== undefined && this.storageBoughtFor < epoch && rank >= PHASE_RANK.done) {
      this.storageBoughtFor = epoch;
      this.attempt(() => {
        this.network.reserveSpace(KEEPER, storage.wal * FROST_PER_WAL, storage.epochs);
      });
    }
    for (let i = 0; i < this.pendingEvents.length;) {
      const event = this.pendingEvents[i] as ScenarioEvent;
      if (event.epoch < epoch || (event.epoch === epoch && PHASE_RANK[event.at] <= rank)) {
        this.pendingEvents.splice(i, 1);
        this.apply(event);
      } else {
        i++;
      }
    }
  }

  private apply(event: ScenarioEvent): void {
    switch (event.action) {
      case 'stake':
        this.attempt(() =>
          this.network.stakeWithPool(
            this.delegatorAddress(event.delegator),
            this.nodeIdOf(event.node),
            event.wal * FROST_PER_WAL,
          ),
        );
        return;
      case 'unstakeAll': {
        const owner = this.delegatorAddress(event.delegator);
        for (const position of [...this.network.positions.values()].filter((p) => p.owner === owner)) {
          this.stepWithdrawal(position.id);
        }
        return;
      }
      case 'registerNode':
        this.addNode(event.node);
        return;
      case 'setCommission':
        this.attempt(() => {
          this.network.setNextCommission(this.nodeIdOf(event.node), event.bps);
        });
        return;
      case 'fault': {
        const node = this.storageNodes.get(this.nodeIdOf(event.node));
        if (event.clear) {
          node?.faults.delete(event.fault);
        } else {
          node?.faults.add(event.fault);
        }
        return;
      }
      case 'vote':
        for (const node of event.nodes) {
          this.attempt(() => {
            this.network.setVotes(
              this.nodeIdOf(node),
              {
                storagePrice: event.storagePrice,
                writePrice: event.writePrice,
                nodeCapacity: event.capacityTb === undefined ? undefined : BigInt(event.capacityTb) * TB,
              },
              { updatePrices: event.updatePrices },
            );
          });
        }
        return;
      case 'voteForSlashing': {
        const candidate = this.nodeIdOf(event.candidate);
        for (const voter of event.voters) {
          this.attempt(() => {
            this.network.voteForSlashing(this.nodeIdOf(voter), candidate);
          });
        }
        return;
      }
      case 'denyList': {
        const nodeId = this.nodeIdOf(event.node);
        const sequence = this.network.node(nodeId).denyListSequence + 1n;
        const root = BigInt(
          `0x${createHash('sha256').update(`deny/${event.node}/${sequence}`).digest('hex')}`,
        );
        const signers =
          event.signers?.map((signer) => this.nodeIdOf(signer)) ??
          this.network.committee.map((member) => member.nodeId);
        this.attempt(() => {
          this.network.denyLists.register(nodeId, root, sequence);
        });
        this.attempt(() => {
          this.network.denyLists.update(nodeId, { root, sequence, size: event.bytes, signers });
        });
        return;
      }
      case 'setMigrationEpoch': {
        this.attempt(() => {
          this.network.upgrades.setMigrationEpoch(this.committeeSender());
        });
        return;
      }
      case 'voteForUpgrade': {
        const digest = Buffer.from(event.digest.slice(2), 'hex');
        for (const voter of event.voters) {
          const nodeId = this.nodeIdOf(voter);
          this.attempt(() => {
            this.network.upgrades.vote(this.network.node(nodeId).operator, nodeId, digest);
          });
        }
        return;
      }
      case 'upgrade': {
        const sender = this.committeeSender();
        const upgraded = this.succeeds(() => {
          this.network.upgrades.upgrade(sender, Buffer.from(event.digest.slice(2), 'hex'), event.newTypes);
        });
        const { protocolVersion } = event;
        if (upgraded && protocolVersion !== undefined) {
          this.attempt(() => {
            this.network.upgrades.updateProtocolVersion(
              sender,
              this.network.epoch + 1,
              BigInt(protocolVersion),
            );
          });
        }
        return;
      }
      case 'executeSlashing': {
        // Anyone may execute; here the first voter's operator does.
        const candidate = this.nodeIdOf(event.candidate);
        const [firstVoter] = this.network.slashingProposals.get(candidate)?.voters ?? [];
        const sender = firstVoter === undefined ? KEEPER : this.network.node(firstVoter).operator;
        this.attempt(() => this.network.executeSlashing(candidate, sender));
        return;
      }
      case 'cleanupSlashing':
        this.attempt(() => {
          this.network.cleanupSlashingProposals([...this.network.slashingProposals.keys()], KEEPER);
        });
        return;
    }
  }

  /** Whoever acts for the network when any member may: the first committee member's operator. */
  private committeeSender(): string {
    const [member] = this.network.committee;
    return member === undefined ? KEEPER : this.network.node(member.nodeId).operator;
  }

  private nodeIdOf(name: string): NodeId {
    const nodeId = this.nodeIds.get(name);
    if (nodeId === undefined) {
      throw new Error(`unknown node ${name}`);
    }
    return nodeId;
  }

  // === users ===

  /** Random delegations and withdrawals at the scenario's rate; matured withdrawals are claimed. */
  private runWorkload(): void {
    const { workload } = this.options.scenario;
    const share = this.checkpointIntervalMs / this.options.epochDurationMs;
    if (this.random() < workload.stakesPerEpoch * share) {
      const nodes = [...this.nodeIds.values()];
      const nodeId = nodes[Math.floor(this.random() * nodes.length)] as NodeId;
      const delegator = this.delegatorAddress(`delegator-${Math.floor(this.random() * 50)}`);
      this.workloadDelegators.add(delegator);
      const walAmount = 1n + BigInt(Math.floor(this.random() * Number(workload.maxStakeWal)));
      // The workload's wallets are finite, as WAL's supply is: with more staked than the operators
      // started with, they stake no more until withdrawals free some. Without the bound, a network
      // left running for days stakes past a u64 of FROST.
      if (this.workloadPrincipal() + walAmount * FROST_PER_WAL <= this.workloadBudgetFrost) {
        this.attempt(() => this.network.stakeWithPool(delegator, nodeId, walAmount * FROST_PER_WAL));
      }
    }
    if (this.random() < workload.withdrawalsPerEpoch * share) {
      const randomPositions = [...this.network.positions.values()].filter((p) =>
        this.workloadDelegators.has(p.owner),
      );
      const position = randomPositions[Math.floor(this.random() * randomPositions.length)];
      if (position !== undefined) {
        this.stepWithdrawal(position.id);
      }
    }
    if (this.random() < workload.withdrawalsPerEpoch * share) {
      this.splitOrJoin();
    }
    for (const position of [...this.network.positions.values()]) {
      const state = position.stakedWal.state;
      if (state.kind === 'Withdrawing' && state.withdrawEpoch <= this.network.epoch) {
        this.attempt(() => this.network.withdrawStake(position.owner, position.id));
      }
    }
  }

  /** What the random workload's delegators have staked and not withdrawn, FROST. */
  private workloadPrincipal(): bigint {
    let total = 0n;
    for (const position of this.network.positions.values()) {
      if (this.workloadDelegators.has(position.owner)) {
        total += position.stakedWal.principal;
      }
    }
    return total;
  }

  /** The most the workload keeps staked: what the scenario's operators start with. */
  private get workloadBudgetFrost(): bigint {
    return this.options.scenario.nodes.reduce((total, node) => total + node.stakeWal, 0n) * FROST_PER_WAL;
  }

  /** A workload delegator halves a position, or merges two that can be joined. */
  private splitOrJoin(): void {
    const mine = [...this.network.positions.values()].filter((p) => this.workloadDelegators.has(p.owner));
    const position = mine[Math.floor(this.random() * mine.length)];
    if (position === undefined) {
      return;
    }
    const twin = mine.find(
      (other) =>
        other.id !== position.id &&
        other.owner === position.owner &&
        other.stakedWal.nodeId === position.stakedWal.nodeId &&
        other.stakedWal.activationEpoch === position.stakedWal.activationEpoch &&
        JSON.stringify(other.stakedWal.state) === JSON.stringify(position.stakedWal.state),
    );
    if (twin !== undefined) {
      this.attempt(() => {
        this.network.joinStakedWal(position.owner, position.id, twin.id);
      });
    } else if (position.stakedWal.principal >= 2n * FROST_PER_WAL) {
      this.attempt(() =>
        this.network.splitStakedWal(position.owner, position.id, position.stakedWal.principal / 2n),
      );
    }
  }

  /** What a wallet does for "unstake": withdraw at once where allowed, otherwise request it. */
  private stepWithdrawal(positionId: string): void {
    const position = this.network.positions.get(positionId);
    if (position === undefined || position.stakedWal.state.kind !== 'Staked') {
      return;
    }
    const nodeId = position.stakedWal.nodeId;
    const inCommittee = this.network.committee.some((m) => m.nodeId === nodeId);
    const inNext = this.network.nextCommittee?.some((m) => m.nodeId === nodeId) ?? false;
    const direct =
      canWithdrawEarly(position.stakedWal, inNext, {
        epoch: this.network.epoch,
        committeeSelected: this.network.committeeSelected,
      }) ||
      (!inCommittee && !inNext);
    this.attempt(() => {
      if (direct) {
        this.network.withdrawStake(position.owner, positionId);
      } else {
        this.network.requestWithdrawStake(position.owner, positionId);
      }
    });
  }

  // === storage nodes and the epoch schedule ===

  private runStorageNodes(): void {
    const epoch = this.network.epoch;
    const isUp = (nodeId: NodeId) => this.storageNodes.get(nodeId)?.faults.has('down') !== true;
    for (const node of this.storageNodes.values()) {
      node.tick(this.checkpointIntervalMs, isUp);
      const inCommittee = this.network.committee.some((m) => m.nodeId === node.nodeId);
      if (inCommittee && node.readyToAttest && node.lastAttestedEpoch < epoch) {
        this.attempt(() => {
          this.network.epochSyncDone(node.nodeId);
        });
        node.markAttested(epoch);
      }
    }
  }

  private runEpochSchedule(): void {
    const network = this.network;
    const state = network.epochState;
    if (state.kind === 'EpochChangeDone') {
      const votingEndAt =
        network.epoch === 0
          ? network.firstEpochStartMs
          : state.doneAtMs + Math.floor(network.epochDurationMs / 2);
      if (this.nowMs >= votingEndAt) {
        this.attempt(() => {
          network.votingEnd();
        });
      }
    }
    const selected = network.epochState;
    if (selected.kind === 'NextParamsSelected') {
      const changeAt =
        network.epoch === 0 ? network.firstEpochStartMs : selected.doneAtMs + network.epochDurationMs;
      if (this.nowMs >= changeAt) {
        const previous = network.committee;
        // Nodes process subsidies just before the epoch change and again once it started.
        this.attempt(() => {
          network.processSubsidies();
        });
        if (
          this.succeeds(() => {
            network.initiateEpochChange();
          })
        ) {
          for (const node of this.storageNodes.values()) {
            node.onEpochChange(network.epoch, previous, network.committee);
          }
          this.attempt(() => {
            network.processSubsidies();
          });
        }
      }
    }
  }

  private seal(): void {
    const checkpoint = this.ledger.sealCheckpoint(this.nowMs);
    this.stats.transactions += checkpoint.transactions.length;
    for (const node of this.storageNodes.values()) {
      node.observeCheckpoint(checkpoint.sequenceNumber ?? 0n);
    }
  }

  /** Runs a contract call for its effect; false when the contract refused it. */
  private succeeds(call: () => void): boolean {
    let done = false;
    this.attempt(() => {
      call();
      done = true;
    });
    return done;
  }

  /** Runs a contract call; a contract abort is counted, as a failed transaction would be. */
  private attempt<T>(call: () => T): T | undefined {
    try {
      return call();
    } catch (error) {
      if (error instanceof DomainError) {
        this.stats.aborted++;
        this.stats.lastAbort = error.message;
        return undefined;
      }
      throw error;
    }
  }
}
