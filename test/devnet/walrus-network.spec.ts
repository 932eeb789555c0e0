import { bcs } from '@mysten/sui/bcs';
import { GrpcTypes } from '@mysten/sui/grpc';
import { bls12_381 as bls } from '@noble/curves/bls12-381.js';
import { proofOfPossessionMessage } from 'src/devnet/walrus/bls-keys';
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

  it('keys the inner objects by interface version 3 as deployed, and 4 under the latest-due commission rule', () => {
    const { ledger, network } = setup();
    const version = (on: SuiLedger, objectId: string) =>
      W.VersionedRoot.parse(on.get(objectId)!.contents).version;
    expect(version(ledger, network.deployment.stakingObjectId)).toBe('3');
    expect(version(ledger, network.deployment.systemObjectId)).toBe('3');
    const mainLedger = new SuiLedger({ chainId: 'test', seed: 'v4' });
    const main = new WalrusNetwork(mainLedger, {
      seed: 'v4',
      nShards: 10,
      epochDurationMs: 60_000,
      epochZeroDurationMs: 30_000,
      genesisTimeMs: GENESIS,
      commissionRule: 'latest-due',
    });
    expect(version(mainLedger, main.deployment.stakingObjectId)).toBe('4');
  });

  it('writes nothing when the contract aborts', () => {
    const { ledger, network, nodeId } = setup();
    ledger.sealCheckpoint(GENESIS);
    expect(() => network.stakeWithPool('0xb0b', nodeId, WAL - 1n)).toThrow(DomainError);
    expect(ledger.sealCheckpoint(GENESIS).transactions).toHaveLength(0);
  });

  it('refuses voting_end before its time, naming the abort, and keeps the next keys until the change', () => {
    const { ledger, network } = setup();
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
    // voting_end stores the selected committee's keys; the epoch change consumes them.
    const nextKeys = () => {
      const inner = W.StakingInnerField.parse(
        ledger.get(ledger.dynamicFields(network.deployment.stakingObjectId)[0]!.fieldId)!.contents,
      ).value;
      const [field] = ledger.dynamicFields(inner.next_epoch_public_keys.id);
      return W.DynamicField(W.ExtendedFieldKey, W.VecMap(bcs.Address, W.Element))
        .parse(ledger.get(field!.fieldId)!.contents)
        .value.contents.map((entry) => [entry.key, entry.value.bytes.length]);
    };
    expect(nextKeys()).toEqual(network.nextCommittee?.map((member) => [member.nodeId, 96]));
    network.advanceClock(GENESIS + 30_000);
    network.initiateEpochChange();
    expect(nextKeys()).toEqual([]);
  });

  it('refuses a node name, address or network key the contract would, naming the abort', () => {
    const { ledger, network } = setup();
    ledger.sealCheckpoint(GENESIS);
    const candidate = {
      operator: '0xe',
      commissionRate: 0,
      storagePrice: 1n,
      writePrice: 1n,
      nodeCapacity: 1000n,
    };
    // 34 three-byte characters: 34 letters but 102 bytes, over the 100 the contract counts.
    expect(() => network.registerCandidate({ ...candidate, name: 'ア'.repeat(34) })).toThrow(
      'staking_pool::EInvalidNameLength, code 17',
    );
    expect(() =>
      network.registerCandidate({ ...candidate, name: 'e', networkAddress: `${'h'.repeat(255)}:9185` }),
    ).toThrow('staking_pool::EInvalidNetworkAddressLength, code 16');
    expect(() =>
      network.registerCandidate({ ...candidate, name: 'e', networkPublicKey: new Uint8Array(32) }),
    ).toThrow('storage_node::EInvalidNetworkPublicKey, code 0');
    // The key comes with a proof of possession: the operator signs the message of this epoch.
    const secret = bls.utils.randomSecretKey(new Uint8Array(48).fill(9));
    const publicKey = bls.longSignatures.getPublicKey(secret).toBytes(true);
    const sign = (epoch: number, sender: string) =>
      bls.longSignatures
        .sign(bls.longSignatures.hash(proofOfPossessionMessage(epoch, sender, publicKey)), secret)
        .toBytes(true);
    expect(() =>
      network.registerCandidate({
        ...candidate,
        name: 'e',
        key: { publicKey, proofOfPossession: sign(network.epoch, '0xf') },
      }),
    ).toThrow('staking_pool::EInvalidProofOfPossession, code 4');
    expect(ledger.sealCheckpoint(GENESIS).transactions).toHaveLength(0);
    const keyed = network.registerCandidate({
      ...candidate,
      name: 'ア'.repeat(33),
      networkAddress: `${'h'.repeat(254)}:9185`,
      key: { publicKey, proofOfPossession: sign(network.epoch, '0xe') },
    });
    expect(ledger.sealCheckpoint(GENESIS).transactions).toHaveLength(1);
    expect(bls.G1.Point.fromBytes(network.node(keyed).publicKey).toBytes(true)).toEqual(publicKey);
  });

  it('lets a node left out of a full active set join it once it has the stake, with its cap', () => {
    const ledger = new SuiLedger({ chainId: 'test', seed: 'active-set' });
    const network = new WalrusNetwork(ledger, {
      seed: 'active-set',
      nShards: 10,
      epochDurationMs: 60_000,
      epochZeroDurationMs: 30_000,
      genesisTimeMs: GENESIS,
      activeSetSize: 2,
    });
    const register = (name: string, operator: string) =>
      network.registerCandidate({
        name,
        operator,
        commissionRate: 0,
        storagePrice: 1n,
        writePrice: 1n,
        nodeCapacity: 1000n,
      });
    const [a, b, c] = [register('a', '0xa'), register('b', '0xb'), register('c', '0xc')];
    network.stakeWithPool('0xa', a, 3n * WAL);
    const stake = network.stakeWithPool('0xa11ce', a, 7n * WAL);
    network.stakeWithPool('0xb0b', b, 20n * WAL);
    // The set is full of larger stakes: c's stake does not get it in.
    network.stakeWithPool('0xc0c', c, 5n * WAL);
    expect(network.activeSet.entries.map((entry) => entry.nodeId).sort()).toEqual([a, b].sort());
    // a's delegator leaves before the stake activates: a drops below c, but stays in the set.
    network.withdrawStake('0xa11ce', stake);
    expect(network.activeSet.entries.map((entry) => entry.nodeId)).toContain(a);
    expect(() => {
      network.identity.tryJoinActiveSet('0xa', c);
    }).toThrow('does not hold the StorageNodeCap');
    network.identity.tryJoinActiveSet('0xc', c);
    expect(network.activeSet.entries.map((entry) => entry.nodeId).sort()).toEqual([b, c].sort());
  });

  describe('slashing', () => {
    /** Three nodes of equal stake in the committee of epoch 1 (shards 3, 3 and 4 of 10). */
    function committeeOfThree() {
      const { ledger, network, nodeId } = setup();
      const others = ['node-b', 'node-c'].map((name, i) =>
        network.registerCandidate({
          name,
          operator: `0x${(i + 11).toString(16)}`,
          commissionRate: 1000,
          storagePrice: 1n,
          writePrice: 1n,
          nodeCapacity: 1000n,
        }),
      );
      const nodes = [nodeId, ...others];
      for (const node of nodes) {
        network.stakeWithPool('0xb0b', node, 10n * WAL);
      }
      network.advanceClock(GENESIS + 30_000);
      network.votingEnd();
      network.initiateEpochChange();
      const weight = (node: string) => network.committee.find((m) => m.nodeId === node)?.shards.length ?? 0;
      // Heaviest first: the two heaviest hold 7 of 10 shards, a quorum (3w >= 2n + 1).
      nodes.sort((a, b) => weight(b) - weight(a));
      return { ledger, network, nodes, weight };
    }

    it('adds each member’s shards once and burns the whole commission once a quorum voted', () => {
      const { ledger, network, nodes, weight } = committeeOfThree();
      const [first, second, third] = nodes as [never, never, never];
      network.node(third).pool.addCommission(500n, true);
      ledger.sealCheckpoint(GENESIS);
      expect(() => {
        network.voteForSlashing(first, third, '0xdead');
      }).toThrow('slashing::ENotAuthorized, code 0');
      network.voteForSlashing(first, third);
      const [vote] = ledger.sealCheckpoint(GENESIS).transactions;
      expect(
        vote?.transaction?.kind?.data.oneofKind === 'programmableTransaction'
          ? vote.transaction.kind.data.programmableTransaction.commands.map((command) =>
              command.command.oneofKind === 'moveCall'
                ? `${command.command.moveCall.module}::${command.command.moveCall.function}`
                : command.command.oneofKind,
            )
          : undefined,
      ).toEqual(['auth::authenticate_sender', 'slashing::vote_for_slashing']);
      expect(() => {
        network.voteForSlashing(first, third);
      }).toThrow('slashing::EDuplicateVote');
      expect(() => network.executeSlashing(third, '0xdead')).toThrow('slashing::ENotEnoughVotes');
      network.voteForSlashing(second, third);
      expect(network.slashingProposals.get(third)).toEqual({
        epoch: 1,
        votingWeight: weight(first) + weight(second),
        voters: [first, second],
      });
      ledger.sealCheckpoint(GENESIS);
      expect(network.executeSlashing(third, '0xdead')).toBe(500n);
      expect(network.node(third).pool.commission).toBe(0n);
      expect(network.node(third).pool.blockedCommission).toBe(0n);
      expect(network.slashingProposals.has(third)).toBe(false);
      const effects = lastEffects(ledger);
      expect(effects).toContainEqual({
        type:
          'dynamic_field::Field<0x2::object::ID, ' +
          `${network.deployment.packageId}::slashing::SlashingProposal>`,
        operation: 'DELETED',
      });
      expect(effects).toContainEqual({ type: 'staking_pool::StakingPool', operation: 'NONE' });
      expect(() => network.executeSlashing(third, '0xdead')).toThrow('slashing::ENoProposalForNode');
    });

    it('refuses a voter outside the committee, starts over in a new epoch and cleans up only lapsed proposals', () => {
      const { network, nodes } = committeeOfThree();
      const [first, second, third] = nodes as [never, never, never];
      const outsider = network.registerCandidate({
        name: 'node-d',
        operator: '0xd',
        commissionRate: 0,
        storagePrice: 1n,
        writePrice: 1n,
        nodeCapacity: 1000n,
      });
      expect(() => {
        network.voteForSlashing(outsider, third);
      }).toThrow('ENotInCommittee');
      network.voteForSlashing(first, third);
      network.voteForSlashing(first, second);
      for (const member of network.committee) {
        network.epochSyncDone(member.nodeId);
      }
      network.advanceClock(GENESIS + 30_000 + 60_000);
      network.votingEnd();
      network.advanceClock(GENESIS + 30_000 + 120_000);
      network.initiateEpochChange();
      expect(() => network.executeSlashing(third, '0xdead')).toThrow('slashing::EWrongEpoch');
      network.voteForSlashing(second, third);
      expect(network.slashingProposals.get(third)).toMatchObject({ epoch: 2, voters: [second] });
      network.cleanupSlashingProposals([second, third], '0xdead');
      expect([...network.slashingProposals.keys()]).toEqual([third]);
    });
  });
});
