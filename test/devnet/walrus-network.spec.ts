import { GrpcTypes } from '@mysten/sui/grpc';
import * as W from 'src/chain/walrus-bcs';
import { SuiLedger } from 'src/devnet/ledger/sui-ledger';
import { WalrusNetwork } from 'src/devnet/walrus/walrus-network';
import { DomainError } from 'src/domain/shared/domain.error';

const WAL = 1_000_000_000n;
const GENESIS = Date.UTC(2026, 0, 1);

function setup() {
  const ledger = new SuiLedger({ chainId: 'test', seed: 'walrus-network-spec' });
  const network = new WalrusNetwork(ledger, {
    seed: 'walrus-network-spec',
    nShards: 10,
    epochDurationMs: 60_000,
    epochZeroDurationMs: 30_000,
    genesisTimeMs: GENESIS,
  });
  const nodeId = network.registerCandidate({
    name: 'node-a',
    operator: '0xa',
    commissionRate: 0,
    storagePrice: 1n,
    writePrice: 1n,
    nodeCapacity: 1000n,
  });
  return { ledger, network, nodeId };
}

function lastEffects(ledger: SuiLedger) {
  const checkpoint = ledger.sealCheckpoint(GENESIS);
  const transaction = checkpoint.transactions[checkpoint.transactions.length - 1]!;
  return (transaction.effects?.changedObjects ?? []).map((change) => ({
    type: change.objectType?.split('::').slice(1).join('::'),
    operation: GrpcTypes.ChangedObject_IdOperation[change.idOperation ?? 0],
  }));
}

describe('the simulated Walrus contracts', () => {
  it('splits and joins StakedWal objects as staked_wal::split / join do', () => {
    const { ledger, network, nodeId } = setup();
    const id = network.stakeWithPool('0xb0b', nodeId, 10n * WAL);
    ledger.sealCheckpoint(GENESIS);
    const part = network.splitStakedWal('0xb0b', id, 4n * WAL);
    expect(lastEffects(ledger).filter((e) => e.type === 'staked_wal::StakedWal')).toEqual([
      { type: 'staked_wal::StakedWal', operation: 'NONE' },
      { type: 'staked_wal::StakedWal', operation: 'CREATED' },
    ]);
    expect(W.StakedWal.parse(ledger.get(part)!.contents).principal.value).toBe((4n * WAL).toString());
    expect(() => network.splitStakedWal('0xb0b', id, WAL / 2n)).toThrow('staked_wal::EStakeBelowThreshold');
    network.joinStakedWal('0xb0b', id, part);
    expect(lastEffects(ledger)).toContainEqual({ type: 'staked_wal::StakedWal', operation: 'DELETED' });
    expect(W.StakedWal.parse(ledger.get(id)!.contents).principal.value).toBe((10n * WAL).toString());
  });

  it('pays a withdrawal out as a Coin<WAL> and deletes the StakedWal', () => {
    const { ledger, network, nodeId } = setup();
    const id = network.stakeWithPool('0xb0b', nodeId, 3n * WAL);
    expect(network.withdrawStake('0xb0b', id)).toBe(3n * WAL);
    const effects = lastEffects(ledger);
    expect(effects).toContainEqual({ type: 'staked_wal::StakedWal', operation: 'DELETED' });
    const coin = ledger.ownedBy('0xb0b').find((object) => object.type.startsWith('0x2::coin::Coin<'));
    expect(coin?.type).toBe(`0x2::coin::Coin<${network.deployment.walCoinType}>`);
    expect(W.Coin.parse(coin!.contents).balance.value).toBe((3n * WAL).toString());
  });

  it('writes nothing when the contract aborts', () => {
    const { ledger, network, nodeId } = setup();
    ledger.sealCheckpoint(GENESIS);
    expect(() => network.stakeWithPool('0xb0b', nodeId, WAL - 1n)).toThrow(DomainError);
    expect(ledger.sealCheckpoint(GENESIS).transactions).toHaveLength(0);
  });

  it('refuses voting_end before its time, naming the abort', () => {
    const { network } = setup();
    expect(() => {
      network.votingEnd();
    }).toThrow('staking_inner::EWrongEpochState');
    network.advanceClock(GENESIS + 30_000);
    network.stakeWithPool(
      '0xb0b',
      network.activeSet.entries[0]?.nodeId ?? [...network.nodes.keys()][0]!,
      5n * WAL,
    );
    network.votingEnd();
    expect(network.committeeSelected).toBe(true);
  });
});
