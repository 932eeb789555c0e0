import * as W from 'src/chain/walrus-bcs';
import type { WalrusLedgerProjection } from 'src/devnet/walrus/walrus-ledger-projection';
import {
  walrusAbort,
  type ContractCommit,
  type WalrusStateView,
} from 'src/devnet/walrus/walrus-network.types';
import { DomainError } from 'src/domain/shared/domain.error';
import type { NodeId } from 'src/domain/shared/node-id';
import { isQuorum } from 'src/domain/votes/quorum';

/** What the deny-list calls need of the network they belong to. */
export interface DenyListHost extends WalrusStateView {
  readonly projection: WalrusLedgerProjection;
  commit: ContractCommit;
}

/** A deny-list update as the committee certified it (`DenyListUpdateMessage`). */
export interface DenyListUpdate {
  readonly root: bigint;
  readonly sequence: bigint;
  /** Bytes of the blobs the node refuses to store. */
  readonly size: bigint;
  /** The committee members whose signatures the certificate aggregates. */
  readonly signers: readonly NodeId[];
}

const inner = (name: string, code: number) => walrusAbort(name, code, 'system_state_inner');

/**
 * A node's deny list as the contracts track it: `register_deny_list_update` announces a new
 * list (an event, nothing stored), and `update_deny_list` applies one the committee certified with
 * a quorum of shards, setting the root, sequence and size on the node's cap and its size in the
 * system's map, where entries stay in first-update order and are never removed. The size shrinks
 * the node's share of each epoch's rewards. Aborts are the contracts'.
 */
export class WalrusDenyLists {
  /** `deny_list_sizes`: node → size, in first-update order. */
  readonly sizes = new Map<NodeId, bigint>();

  constructor(private readonly host: DenyListHost) {}

  register(nodeId: NodeId, root: bigint, sequence: bigint): void {
    const node = this.member(nodeId);
    this.assertNewer(node.denyListSequence, sequence);
    this.host.commit(
      node.operator,
      'register_deny_list_update',
      {
        writes: [],
        events: [this.event('RegisterDenyListUpdate', nodeId, root, sequence)],
      },
      'system',
    );
  }

  update(nodeId: NodeId, update: DenyListUpdate): void {
    const host = this.host;
    const node = this.member(nodeId);
    const weight = host.committee
      .filter((member) => update.signers.includes(member.nodeId))
      .reduce((total, member) => total + member.shards.length, 0);
    if (!isQuorum(weight, host.nShards)) {
      throw new DomainError(
        'INVALID_STATE',
        `the certificate carries ${weight} of ${host.nShards} shards, short of a quorum`,
        walrusAbort('ENotEnoughStake', 2, 'bls_aggregate'),
      );
    }
    this.assertNewer(node.denyListSequence, update.sequence);
    node.denyListRoot = update.root;
    node.denyListSequence = update.sequence;
    node.denyListSize = update.size;
    this.sizes.set(nodeId, update.size);
    host.commit(
      node.operator,
      'update_deny_list',
      {
        writes: [host.projection.capWrite(node), ...host.projection.systemWrites()],
        events: [this.event('DenyListUpdate', nodeId, update.root, update.sequence)],
      },
      'system',
    );
  }

  private member(nodeId: NodeId) {
    const node = this.host.node(nodeId);
    if (!this.host.committee.some((member) => member.nodeId === nodeId)) {
      throw new DomainError(
        'INVALID_STATE',
        `${node.name} is not in the committee`,
        inner('ENotCommitteeMember', 8),
      );
    }
    return node;
  }

  private assertNewer(current: bigint, sequence: bigint): void {
    if (sequence <= current) {
      throw new DomainError(
        'INVALID_STATE',
        `deny-list sequence ${sequence} is not past ${current}`,
        inner('EIncorrectDenyListSequence', 9),
      );
    }
  }

  private event(name: string, nodeId: NodeId, root: bigint, sequence: bigint) {
    return this.host.projection.event(
      name,
      W.DenyListUpdate.serialize({
        epoch: this.host.epoch,
        root,
        sequence_number: sequence,
        node_id: nodeId,
      }),
    );
  }
}
