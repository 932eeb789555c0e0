import { normalizeSuiAddress } from '@mysten/sui/utils';
import type { WalrusLedgerProjection } from 'src/devnet/walrus/walrus-ledger-projection';
import type {
  Authorized,
  CandidateRegistration,
  ContractCommit,
  NodeMetadataRecord,
  NodeRecord,
  WalrusStateView,
} from 'src/devnet/walrus/walrus-network.types';
import { uncompressPublicKey, verifiesPossession } from 'src/devnet/walrus/bls-keys';
import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';
import type { NodeId } from 'src/domain/shared/node-id';
import {
  assertNetworkAddress,
  assertNetworkPublicKey,
  assertNodeName,
  BLS_PUBLIC_KEY_LENGTH,
} from 'src/domain/staking/storage-node-info';

/** What the identity calls need of the network they belong to. */
export interface NodeIdentityHost extends WalrusStateView {
  readonly projection: WalrusLedgerProjection;
  readonly committeeSelected: boolean;
  commit: ContractCommit;
}

/**
 * The calls a node makes about itself: `try_join_active_set`, and those that change who it is and
 * who acts for it: `set_name`, `set_network_address`,
 * `set_node_metadata` and `set_next_public_key` with the node's cap; `set_commission_receiver`,
 * `set_governance_authorized` and `collect_commission`, authenticated against the pool's
 * `Authorized` (`auth::authenticate_sender` in the same transaction). Aborts are the contracts',
 * and an aborted call changes nothing.
 */
export class WalrusNodeIdentity {
  constructor(private readonly host: NodeIdentityHost) {}

  setName(sender: string, nodeId: NodeId, name: string): void {
    const node = this.withCap(sender, nodeId);
    assertNodeName(name);
    node.name = name;
    this.commitPool(node, 'set_name');
  }

  setNetworkAddress(sender: string, nodeId: NodeId, networkAddress: string): void {
    const node = this.withCap(sender, nodeId);
    assertNetworkAddress(networkAddress);
    node.networkAddress = networkAddress;
    this.commitPool(node, 'set_network_address');
  }

  /** Only the metadata field changes; the pool object does not. */
  setNodeMetadata(sender: string, nodeId: NodeId, metadata: NodeMetadataRecord): void {
    const node = this.withCap(sender, nodeId);
    node.metadata = metadata;
    this.host.commit(node.operator, 'set_node_metadata', {
      writes: [this.host.projection.metadataWrite(node)],
    });
  }

  /**
   * A compressed key (48 bytes), kept uncompressed; it takes effect when the pool next advances
   * (`rotate_public_key`). The proof of possession is not checked here.
   */
  setNextPublicKey(sender: string, nodeId: NodeId, publicKey: Uint8Array): void {
    const node = this.withCap(sender, nodeId);
    if (publicKey.length !== BLS_PUBLIC_KEY_LENGTH) {
      throw new DomainError('INVALID_ARGUMENT', `a BLS public key has 48 bytes, not ${publicKey.length}`, {
        package: 'walrus',
        module: 'messages',
        name: 'EInvalidKeyLength',
        code: 6,
      });
    }
    node.nextPublicKey = uncompressPublicKey(publicKey);
    this.commitPool(node, 'set_next_public_key');
  }

  setCommissionReceiver(sender: string, nodeId: NodeId, receiver: Authorized): void {
    const node = this.host.node(nodeId);
    this.authenticate(sender, node, node.commissionReceiver);
    node.commissionReceiver = receiver;
    this.commitPool(node, 'set_commission_receiver', sender);
  }

  setGovernanceAuthorized(sender: string, nodeId: NodeId, authorized: Authorized): void {
    const node = this.host.node(nodeId);
    this.authenticate(sender, node, node.governanceAuthorized);
    node.governanceAuthorized = authorized;
    this.commitPool(node, 'set_governance_authorized', sender);
  }

  /** Pays out the commission not blocked until `voting_end`, as a `Coin<WAL>` to the sender. */
  collectCommission(sender: string, nodeId: NodeId): bigint {
    const node = this.host.node(nodeId);
    this.authenticate(sender, node, node.commissionReceiver);
    const pool = node.pool;
    const amount = pool.commission > pool.blockedCommission ? pool.commission - pool.blockedCommission : 0n;
    pool.commission -= amount;
    const owner = normalizeSuiAddress(sender);
    this.host.commit(
      owner,
      [
        { module: 'auth', function: 'authenticate_sender' },
        { module: 'staking', function: 'collect_commission' },
      ],
      {
        writes: [
          ...this.host.projection.stakingWrites({ pools: [node] }),
          ...(amount > 0n ? [this.host.projection.coinWrite(owner, amount)] : []),
        ],
      },
    );
    return amount;
  }

  /**
   * `try_join_active_set`: a node left out of a full active set (or evicted from it) asks to be
   * counted at the stake it will have for the next vote, and takes the place of the smallest
   * member if it has more.
   */
  tryJoinActiveSet(sender: string, nodeId: NodeId): void {
    const host = this.host;
    const node = this.withCap(sender, nodeId);
    const target = host.committeeSelected ? host.epoch + 2 : host.epoch + 1;
    host.activeSet.insertOrUpdate(nodeId, node.pool.walBalanceAtEpoch(target));
    host.commit(node.operator, 'try_join_active_set', {
      writes: host.projection.stakingWrites({ activeSet: true }),
    });
  }

  /** Calls made with the `StorageNodeCap`: only its holder, the operator, can pass it. */
  private withCap(sender: string, nodeId: NodeId): NodeRecord {
    const node = this.host.node(nodeId);
    if (normalizeSuiAddress(sender) !== node.operator) {
      throw new DomainError('NOT_AUTHORIZED', `${sender} does not hold the StorageNodeCap of ${node.name}`);
    }
    return node;
  }

  /** `Authenticated::matches`: the sender itself, or the holder of the authorised object. */
  private authenticate(sender: string, node: NodeRecord, authorized: Authorized): void {
    const address = normalizeSuiAddress(sender);
    const matches =
      authorized.kind === 'address'
        ? authorized.address === address
        : authorized.id === node.capId && node.operator === address;
    if (!matches) {
      throw new DomainError(
        'NOT_AUTHORIZED',
        `${sender} is not authorised for ${node.name}`,
        MOVE_ABORTS.authorizationFailure,
      );
    }
  }

  /**
   * Records a call that rewrites the pool: made with the cap by the operator, or, given an
   * authenticated `sender`, after `auth::authenticate_sender` in the same transaction.
   */
  private commitPool(node: NodeRecord, fn: string, authenticated?: string): void {
    const calls =
      authenticated === undefined
        ? fn
        : [
            { module: 'auth', function: 'authenticate_sender' },
            { module: 'staking', function: fn },
          ];
    this.host.commit(normalizeSuiAddress(authenticated ?? node.operator), calls, {
      writes: this.host.projection.stakingWrites({ pools: [node] }),
    });
  }
}

/** `storage_node::rotate_public_key`, run as the pool advances. */
export function rotatePublicKey(node: NodeRecord): void {
  if (node.nextPublicKey !== null) {
    node.publicKey = node.nextPublicKey;
    node.nextPublicKey = null;
  }
}

/**
 * The checks `staking_pool::new` and `storage_node::new` make of a candidate (proof of
 * possession, name, network address and key), with the defaults the local network fills in.
 */
export function checkCandidate(
  candidate: CandidateRegistration,
  epoch: number,
  derive: { derivedBytes(kind: string, id: string, length: number): Uint8Array },
) {
  const operator = normalizeSuiAddress(candidate.operator);
  const { key } = candidate;
  if (key !== undefined && !verifiesPossession(key.proofOfPossession, key.publicKey, epoch, operator)) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      'the proof of possession does not verify',
      MOVE_ABORTS.invalidProofOfPossession,
    );
  }
  const networkAddress = candidate.networkAddress ?? `${candidate.name}.walrus.local:9185`;
  assertNodeName(candidate.name);
  assertNetworkAddress(networkAddress);
  const networkPublicKey = candidate.networkPublicKey ?? derive.derivedBytes('network', candidate.name, 33);
  assertNetworkPublicKey(networkPublicKey);
  return { operator, networkAddress, networkPublicKey, key };
}
