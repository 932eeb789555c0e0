import { SuiGrpcClient } from '@mysten/sui/grpc';
import { WalrusClient } from '@mysten/walrus';
import * as W from 'src/chain/walrus-bcs';
import { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import { SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { registerSuiRpc } from 'src/devnet/ledger/sui-rpc.handlers';
import { WalrusNetwork } from 'src/devnet/walrus/walrus-network';
import type { NodeId } from 'src/domain/shared/node-id';

const WAL = 1_000_000_000n;
const HOUR = 3_600_000;
const GENESIS = Date.UTC(2026, 0, 1);

/** A small Walrus network taken through its first epoch change, served over grpc-web. */
async function startNetwork() {
  const ledger = new SuiLedger({ chainId: 'tusk-test', seed: 'walrus-sdk-spec' });
  const network = new WalrusNetwork(ledger, {
    seed: 'walrus-sdk-spec',
    nShards: 100,
    epochDurationMs: 2 * HOUR,
    epochZeroDurationMs: HOUR,
    genesisTimeMs: GENESIS,
    rewardsPerEpoch: 5_000n * WAL,
    usedCapacity: 1_000_000_000n,
  });
  const nodes: NodeId[] = [];
  for (let i = 0; i < 4; i++) {
    nodes.push(
      network.registerCandidate({
        name: `node-${i}`,
        operator: `0x${(i + 1).toString(16)}`,
        commissionRate: 1000 * (i + 1),
        storagePrice: BigInt(10_000 + 1000 * i),
        writePrice: 20_000n,
        nodeCapacity: 10n ** 12n,
      }),
    );
  }
  const stakes = [4000n, 3000n, 2000n, 1000n];
  nodes.forEach((nodeId, i) => network.stakeWithPool('0xa11ce', nodeId, stakes[i]! * WAL));
  ledger.sealCheckpoint(GENESIS);

  network.advanceClock(GENESIS + HOUR);
  network.votingEnd();
  network.initiateEpochChange();
  ledger.sealCheckpoint(network.nowMs);
  for (const nodeId of nodes) {
    network.epochSyncDone(nodeId);
  }
  ledger.sealCheckpoint(network.nowMs);

  const server = new GrpcWebServer();
  registerSuiRpc(server, ledger);
  const baseUrl = await server.listen(0);
  const suiClient = new SuiGrpcClient({ network: 'localnet', baseUrl });
  const walrus = new WalrusClient({
    suiClient,
    packageConfig: {
      systemObjectId: network.deployment.systemObjectId,
      stakingPoolId: network.deployment.stakingObjectId,
    },
  });
  return { ledger, network, nodes, server, suiClient, walrus };
}

describe('the devnet as read by Mysten’s Walrus SDK', () => {
  let devnet: Awaited<ReturnType<typeof startNetwork>>;

  beforeAll(async () => {
    devnet = await startNetwork();
  });

  afterAll(async () => {
    await devnet.server.close();
  });

  it('stakingState() decodes and agrees with the simulator', async () => {
    const state = await devnet.walrus.stakingState();
    const { network } = devnet;
    expect(state.epoch).toBe(1);
    expect(state.n_shards).toBe(100);
    expect(state.epoch_state.$kind).toBe('EpochChangeDone');
    expect(state.next_committee).toBeNull();
    const onChain = state.committee[0].contents.map((entry) => ({ nodeId: entry.key, shards: entry.value }));
    expect(onChain).toEqual(network.committee.map((m) => ({ nodeId: m.nodeId, shards: [...m.shards] })));
    expect(onChain.reduce((sum, m) => sum + m.shards.length, 0)).toBe(100);
    expect(state.pools.size).toBe('4');
  });

  it('systemState() decodes and agrees with the simulator', async () => {
    const state = await devnet.walrus.systemState();
    const { network } = devnet;
    expect(state.committee.epoch).toBe(1);
    expect(state.committee.n_shards).toBe(100);
    expect(state.committee.members.map((m) => [m.node_id, m.weight])).toEqual(
      network.committee.map((m) => [m.nodeId, m.shards.length]),
    );
    expect(state.storage_price_per_unit_size).toBe(network.storagePrice.toString());
    expect(state.future_accounting.length).toBe(53);
  });

  it('pools are objects under their node ID, as the SDK loads them', async () => {
    const { objects } = await devnet.suiClient.core.getObjects({
      objectIds: devnet.nodes,
      include: { content: true },
    });
    expect(objects.every((object) => !(object instanceof Error))).toBe(true);
    expect(objects.map((object) => (object instanceof Error ? '' : object.type))).toEqual(
      devnet.nodes.map(() => devnet.network.types.stakingPool),
    );
  });

  it('serves checkpoints, dynamic fields and owned objects', async () => {
    const { suiClient, ledger, network } = devnet;
    const { response: info } = await suiClient.ledgerService.getServiceInfo({});
    expect(info.checkpointHeight).toBe(ledger.tip);
    const { response } = await suiClient.ledgerService.getCheckpoint({
      checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: 1n },
      readMask: { paths: ['transactions.events'] },
    });
    const events = response.checkpoint?.transactions.flatMap((t) => t.events?.events ?? []) ?? [];
    expect(events.map((e) => e.eventType?.split('::').pop())).toEqual([
      'EpochParametersSelected',
      'EpochChangeStart',
      'PricesUpdated',
    ]);
    const fields = await suiClient.core.listDynamicFields({ parentId: network.deployment.stakingObjectId });
    expect(fields.dynamicFields).toHaveLength(1);
    const owned = await suiClient.core.listOwnedObjects({ owner: '0xa11ce' });
    expect(owned.objects.map((o) => o.type)).toEqual(devnet.nodes.map(() => network.types.stakedWal));
  });

  it('lists events by type, by module and by sender, with pagination and either ordering', async () => {
    const { suiClient, ledger, network } = devnet;
    const pkg = network.deployment.packageId;
    const starts = await suiClient.listEvents({ filter: { eventType: `${pkg}::events::EpochChangeStart` } });
    expect(starts.events).toHaveLength(1);
    expect(starts.events[0]!.eventType).toBe(`${pkg}::events::EpochChangeStart`);
    expect(W.EpochChangeStart.parse(starts.events[0]!.bcs)).toEqual({ epoch: 1 });
    expect(starts.hasNextPage).toBe(false);

    const all = ledger.events.length;
    const collected: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await suiClient.listEvents({ filter: { eventType: `${pkg}::events` }, limit: 3, after });
      collected.push(...page.events.map((e) => `${e.transactionDigest}/${e.eventIndex}`));
      after = page.hasNextPage ? page.endCursor : null;
      pages++;
    } while (after !== null && pages < 50);
    expect(collected).toHaveLength(all);
    expect(new Set(collected).size).toBe(all);

    const newestFirst = await suiClient.listEvents({ order: 'descending', limit: 1 });
    expect(newestFirst.events[0]!.transactionDigest).toBe(ledger.events[all - 1]!.event.transactionDigest);

    const operator = network.node(devnet.nodes[0]!).operator;
    const bySender = await suiClient.listEvents({ filter: { sender: operator } });
    expect(bySender.events.length).toBeGreaterThan(0);
    expect(bySender.events.every((e) => e.sender === operator)).toBe(true);
  });

  it('sends the fields a read mask names and no others, as a full node does', async () => {
    const { suiClient, ledger } = devnet;
    const sequenceNumber = 1n;
    const stored = ledger.checkpoints[1];
    const get = async (paths?: string[]) =>
      (
        await suiClient.ledgerService.getCheckpoint({
          checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber },
          ...(paths === undefined ? {} : { readMask: { paths } }),
        })
      ).response.checkpoint;
    // No mask: the default, sequence number and digest.
    const plain = await get();
    expect(plain?.sequenceNumber).toBe(sequenceNumber);
    expect(plain?.digest).toBe(stored?.digest);
    expect(plain?.summary).toBeUndefined();
    expect(plain?.transactions).toEqual([]);
    // Through repeated fields: every transaction, with only the named parts of its events.
    const narrow = await get(['summary.timestamp', 'transactions.events.events.event_type']);
    expect(narrow?.sequenceNumber).toBeUndefined();
    expect(narrow?.summary?.timestamp).toEqual(stored?.summary?.timestamp);
    expect(narrow?.summary?.epoch).toBeUndefined();
    expect(narrow?.transactions).toHaveLength(stored?.transactions.length ?? -1);
    const events = narrow?.transactions.flatMap((t) => t.events?.events ?? []) ?? [];
    expect(events.map((event) => event.eventType)).toEqual(
      stored?.transactions.flatMap((t) => t.events?.events.map((event) => event.eventType) ?? []),
    );
    expect(events.every((event) => event.contents === undefined && event.sender === undefined)).toBe(true);
    expect(narrow?.transactions.every((t) => t.effects === undefined && t.digest === undefined)).toBe(true);
    // A path that names no field is refused.
    await expect(get(['transactions.nonsense'])).rejects.toThrow(
      'read_mask: "transactions.nonsense" names no field of sui.rpc.v2.Checkpoint',
    );
  });

  it('lists a range of checkpoints and says why the list ended', async () => {
    const call = devnet.suiClient.ledgerService.listCheckpoints({ startCheckpoint: 1n, endCheckpoint: 3n });
    const sequences: (bigint | undefined)[] = [];
    let reason: number | undefined;
    for await (const frame of call.responses) {
      if (frame.checkpoint !== undefined) {
        sequences.push(frame.checkpoint.sequenceNumber);
      }
      reason = frame.end?.reason ?? reason;
    }
    expect(sequences).toEqual([1n, 2n]);
    expect(reason).toBe(3); // CHECKPOINT_BOUND
  });

  it('delivers new checkpoints to a subscriber as they are sealed', async () => {
    const { suiClient, ledger, network } = devnet;
    const abort = new AbortController();
    const call = suiClient.subscriptionService.subscribeCheckpoints({}, { abort: abort.signal });
    const received: bigint[] = [];
    const reading = (async () => {
      try {
        for await (const frame of call.responses) {
          received.push(frame.cursor ?? -1n);
          if (received.length === 2) {
            abort.abort();
          }
        }
      } catch {
        // aborted on purpose
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    network.setNextCommission(devnet.nodes[0]!, 500);
    ledger.sealCheckpoint(network.nowMs + 1000);
    ledger.sealCheckpoint(network.nowMs + 2000);
    await reading;
    expect(received).toEqual([ledger.tip - 1n, ledger.tip]);
  });
});
