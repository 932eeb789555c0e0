import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import * as W from 'src/chain/walrus-bcs';
import { Devnet } from 'src/devnet/devnet';
import { listScenarios, loadScenario, parseScenario, ScenarioError } from 'src/devnet/scenario';
import { computeNextCommittee, type Committee } from 'src/domain/committee/committee';
import { parseNodeId } from 'src/domain/shared/node-id';
import { isQuorum } from 'src/domain/votes/quorum';

const EPOCH_MS = 60_000;
const GENESIS = Date.UTC(2026, 0, 1);
const StakingInnerField = W.DynamicField(bcs.u64(), W.StakingInnerV1);
const ActiveSetField = W.DynamicField(W.ExtendedFieldKey, W.ActiveSet);

type Inner = ReturnType<typeof W.StakingInnerV1.parse>;

function committeeOf(value: Inner['committee']): Committee {
  return value.pos0.contents.map((entry) => ({ nodeId: parseNodeId(entry.key), shards: [...entry.value] }));
}

/** Everything the chain says, replayed transaction by transaction, as an indexer would see it. */
function auditChain(devnet: Devnet) {
  const findings = { committeesChecked: 0, epochsCompleted: 0, ratesChecked: 0 };
  const nShards = devnet.network.nShards;
  let inner: Inner | undefined;
  let activeSet: ReturnType<typeof W.ActiveSet.parse> | undefined;
  const poolByRateTable = new Map<string, string>();
  const syncWeight = new Map<number, number>();

  for (const checkpoint of devnet.ledger.checkpoints) {
    for (const transaction of checkpoint.transactions) {
      const innerBefore = inner;
      const activeSetBefore = activeSet;
      const written = transaction.objects?.objects ?? [];
      for (const object of written) {
        const type = object.objectType ?? '';
        const bytes = object.contents?.value ?? new Uint8Array();
        if (type.endsWith('::staking_inner::StakingInnerV1>')) {
          inner = StakingInnerField.parse(bytes).value;
        } else if (type.endsWith('::active_set::ActiveSet>')) {
          activeSet = ActiveSetField.parse(bytes).value;
        } else if (type.endsWith('::staking_pool::StakingPool')) {
          poolByRateTable.set(W.StakingPool.parse(bytes).exchange_rates.id, object.objectId ?? '');
        }
      }
      const events = transaction.events?.events ?? [];
      const names = events.map((event) => event.eventType?.split('::').pop());

      if (names.includes('EpochParametersSelected')) {
        // The committee voting_end stored must be what the rules give for the inputs it saw.
        expect(innerBefore).toBeDefined();
        expect(activeSetBefore).toBeDefined();
        const expected = computeNextCommittee({
          nShards,
          activeSet: activeSetBefore!.nodes.map((n) => ({
            nodeId: parseNodeId(n.node_id),
            stake: BigInt(n.staked_amount),
          })),
          currentCommittee: committeeOf(innerBefore!.committee),
        }).committee;
        const selected = committeeOf(inner!.next_committee!);
        expect(selected).toEqual(expected);
        expect(selected.reduce((sum, m) => sum + m.shards.length, 0)).toBe(nShards);
        findings.committeesChecked++;
      }

      if (names.includes('EpochChangeStart')) {
        // Exchange rates are recorded only for pools of the old or the new committee.
        const members = new Set([
          ...committeeOf(inner!.committee).map((m) => m.nodeId as string),
          ...committeeOf(inner!.previous_committee).map((m) => m.nodeId as string),
        ]);
        for (const object of written) {
          if ((object.objectType ?? '').includes('::pool_exchange_rate::PoolExchangeRate')) {
            const owner = object.owner?.address ?? '';
            expect(members.has(poolByRateTable.get(owner) ?? 'unknown')).toBe(true);
            findings.ratesChecked++;
          }
        }
      }

      // epoch_sync_done emits EpochChangeDone before its own ShardsReceived: count the attestation first.
      let attested = 0;
      for (const event of events) {
        if (event.eventType?.endsWith('::ShardsReceived') === true) {
          const { epoch, shards } = W.ShardsReceived.parse(event.contents?.value ?? new Uint8Array());
          attested = shards.length;
          syncWeight.set(epoch, (syncWeight.get(epoch) ?? 0) + shards.length);
        }
      }
      for (const event of events) {
        if (event.eventType?.endsWith('::EpochChangeDone') === true) {
          const { epoch } = W.EpochChangeDone.parse(event.contents?.value ?? new Uint8Array());
          // Done exactly when the attested weight first reached a quorum.
          const weight = syncWeight.get(epoch) ?? 0;
          expect(isQuorum(weight, nShards)).toBe(true);
          expect(isQuorum(weight - attested, nShards)).toBe(false);
          findings.epochsCompleted++;
        }
      }
    }
  }
  return findings;
}

function run(name: string, seed: number, epochs: number): Devnet {
  const devnet = new Devnet({
    scenario: loadScenario(name),
    seed,
    epochDurationMs: EPOCH_MS,
    genesisTimeMs: GENESIS,
  });
  devnet.runUntilEpochDone(epochs);
  return devnet;
}

describe('devnet scenarios', () => {
  it('ships the scenarios the product promises', () => {
    expect(listScenarios()).toEqual([
      'commission-hike',
      'crash-mid-handoff',
      'node-churn',
      'outgoing-node-down',
      'steady-state',
      'stuck-transfer',
      'whale-unstake',
      'writes-outage',
    ]);
  });

  it.each(listScenarios())('%s: every epoch follows the protocol', (name) => {
    const devnet = run(name, 7, 4);
    const findings = auditChain(devnet);
    expect(findings.committeesChecked).toBeGreaterThanOrEqual(4);
    expect(findings.epochsCompleted).toBeGreaterThanOrEqual(4);
    expect(findings.ratesChecked).toBeGreaterThan(0);
    expect(devnet.network.epoch).toBeGreaterThanOrEqual(4);
  });

  it('gives the same chain for the same seed and scenario, and another for another seed', () => {
    const digest = (devnet: Devnet) =>
      Buffer.concat(
        devnet.ledger.checkpoints.map((c) => Buffer.from(GrpcTypes.Checkpoint.toBinary(c))),
      ).toString('base64');
    const first = run('steady-state', 42, 3);
    const second = run('steady-state', 42, 3);
    expect(second.ledger.checkpoints.length).toBe(first.ledger.checkpoints.length);
    expect(digest(second)).toBe(digest(first));
    expect(digest(run('steady-state', 43, 3))).not.toBe(digest(first));
  });

  it('whale-unstake: the whale’s node loses the shards the whale’s stake bought', () => {
    const devnet = new Devnet({
      scenario: loadScenario('whale-unstake'),
      seed: 7,
      epochDurationMs: EPOCH_MS,
      genesisTimeMs: GENESIS,
    });
    const node3 = devnet.nodeIds.get('node-3')!;
    const shardsOfNode3 = () => devnet.network.committee.find((m) => m.nodeId === node3)?.shards.length ?? 0;
    devnet.runUntilEpochDone(2);
    const withWhale = shardsOfNode3();
    devnet.runUntilEpochDone(4);
    const afterWhale = shardsOfNode3();
    expect(withWhale).toBeGreaterThan(afterWhale + 25);
    const whale = devnet.delegatorAddress('whale');
    expect([...devnet.network.positions.values()].filter((p) => p.owner === whale)).toHaveLength(0);
  });

  it('stuck-transfer: the stuck node falls back to recovery and still attests', () => {
    const devnet = new Devnet({
      scenario: loadScenario('stuck-transfer'),
      seed: 7,
      epochDurationMs: EPOCH_MS,
      genesisTimeMs: GENESIS,
    });
    const node = devnet.storageNodes.get(devnet.nodeIds.get('node-11')!)!;
    const seen = new Set<string>();
    for (let i = 0; i < 10_000 && devnet.network.epoch < 4; i++) {
      devnet.tick();
      if (devnet.network.epoch === 2) {
        for (const status of node.shardStatuses().values()) {
          seen.add(status);
        }
      }
    }
    expect(seen).toContain('inTransfer');
    expect(seen).toContain('inRecovery');
    expect(node.lastAttestedEpoch).toBeGreaterThanOrEqual(2);
  });

  it('crash-mid-handoff: the epoch completes without the crashed node, which attests late', () => {
    const devnet = run('crash-mid-handoff', 7, 3);
    const node12 = devnet.storageNodes.get(devnet.nodeIds.get('node-12')!)!;
    expect(devnet.network.epoch).toBeGreaterThanOrEqual(3);
    expect(node12.lastAttestedEpoch).toBeGreaterThanOrEqual(2);
  });

  it('writes-outage: the early attester attests before its gained shards are ready', () => {
    const devnet = new Devnet({
      scenario: loadScenario('writes-outage'),
      seed: 3,
      epochDurationMs: EPOCH_MS,
      genesisTimeMs: GENESIS,
    });
    devnet.runUntilEpochDone(1);
    const early = devnet.storageNodes.get(devnet.nodeIds.get('node-12')!)!;
    for (let i = 0; i < 10_000 && early.lastAttestedEpoch < 2; i++) {
      devnet.tick();
    }
    expect(early.lastAttestedEpoch).toBe(2);
    const statuses = [...early.shardStatuses().values()];
    expect(statuses.filter((status) => status !== 'ready').length).toBeGreaterThan(statuses.length / 2);
  });

  it('outgoing-node-down: transfers from the down node fall back to recovery; it attests after Done', () => {
    const devnet = new Devnet({
      scenario: loadScenario('outgoing-node-down'),
      seed: 7,
      epochDurationMs: EPOCH_MS,
      genesisTimeMs: GENESIS,
    });
    devnet.runUntilEpochDone(1);
    const node1 = devnet.nodeIds.get('node-1')!;
    const seen = new Set<string>();
    let doneWithoutNode1 = false;
    for (let i = 0; i < 10_000 && devnet.network.epoch < 3; i++) {
      devnet.tick();
      if (devnet.network.epoch !== 2) {
        continue;
      }
      const fromNode1 = new Set(devnet.network.previousCommittee.find((m) => m.nodeId === node1)?.shards);
      for (const node of devnet.storageNodes.values()) {
        for (const [shard, status] of node.shardStatuses()) {
          if (node.nodeId !== node1 && fromNode1.has(shard)) {
            seen.add(status);
          }
        }
      }
      const node1Attested = devnet.storageNodes.get(node1)!.lastAttestedEpoch >= 2;
      doneWithoutNode1 ||= devnet.network.epochState.kind === 'EpochChangeDone' && !node1Attested;
    }
    expect(seen).toContain('inTransfer');
    expect(seen).toContain('inRecovery');
    expect(doneWithoutNode1).toBe(true);
    expect(devnet.storageNodes.get(node1)!.lastAttestedEpoch).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['stuck-transfer', 5, { vote_for_slashing: 8, execute_slashing: 1, cleanup_slashing_proposals: 1 }],
    ['node-churn', 6, { vote_for_slashing: 10, execute_slashing: 1, cleanup_slashing_proposals: 1 }],
  ] as const)('%s: every scripted slashing call goes through', (name, epochs, expected) => {
    const devnet = run(name, 7, epochs);
    const calls = new Map<string, number>();
    for (const checkpoint of devnet.ledger.checkpoints) {
      for (const transaction of checkpoint.transactions) {
        const kind = transaction.transaction?.kind?.data;
        for (const command of kind?.oneofKind === 'programmableTransaction'
          ? kind.programmableTransaction.commands
          : []) {
          const call = command.command.oneofKind === 'moveCall' ? command.command.moveCall : undefined;
          if (call?.module === 'slashing') {
            calls.set(call.function ?? '', (calls.get(call.function ?? '') ?? 0) + 1);
          }
        }
      }
    }
    expect(Object.fromEntries(calls)).toEqual(expected);
    // Executed and cleaned up: nothing is left in the table.
    expect(devnet.network.slashingProposals.size).toBe(0);
  });

  it('refuses a scenario file that names an unknown node, with the reason', () => {
    expect(() =>
      parseScenario({
        name: 'bad',
        description: 'x',
        nodes: [{ name: 'node-1', stakeWal: '10' }],
        events: [{ epoch: 1, action: 'setCommission', node: 'node-9', bps: 100 }],
      }),
    ).toThrow(/unknown node "node-9"/);
    expect(() =>
      parseScenario({
        name: 'bad',
        description: 'x',
        nodes: [{ name: 'node-1', stakeWal: '10' }],
        events: [{ epoch: 1, action: 'voteForSlashing', voters: ['node-1'], candidate: 'node-7' }],
      }),
    ).toThrow(/unknown node "node-7"/);
    expect(() => parseScenario({ name: 'Bad Name', description: 'x', nodes: [] })).toThrow(ScenarioError);
    expect(() => loadScenario('no-such-scenario')).toThrow(/shipped scenarios: commission-hike/);
  });
});
