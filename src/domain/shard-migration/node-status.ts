/**
 * A storage node's `nodeStatus`, as the node software prints it (`NodeStatus`'s `Display` in
 * `walrus-service/src/node/storage.rs`). Shard recovery does not change it: a node whose shards are
 * in recovery stays `Active`; the recovery states are the whole node catching up.
 */
export type NodeStatus =
  /** Outside the current committee (it may still hold read-only shards of the last one). */
  | { readonly kind: 'Standby' }
  | { readonly kind: 'Active' }
  /** Just joined the committee: recovering blob metadata before syncing its shards. */
  | { readonly kind: 'RecoverMetadata' }
  /** Replaying events it missed, without recovering shards yet. */
  | { readonly kind: 'RecoveryCatchUp' }
  /** Recovering its whole state up to the epoch given. */
  | { readonly kind: 'RecoveryInProgress'; readonly epoch: number }
  | {
      readonly kind: 'RecoveryCatchUpWithIncompleteHistory';
      readonly firstCompleteEpoch: number;
      readonly epochAtStart: number;
    }
  /** A status this version of Tusk does not know, kept as printed. */
  | { readonly kind: 'Other'; readonly text: string };

const IN_PROGRESS = /^RecoveryInProgress \((\d+)\)$/;
const INCOMPLETE_HISTORY =
  /^RecoveryCatchUpWithIncompleteHistory \(first complete epoch: (\d+), epoch at start: (\d+)\)$/;

export function parseNodeStatus(text: string): NodeStatus {
  switch (text) {
    case 'Standby':
    case 'Active':
    case 'RecoverMetadata':
    case 'RecoveryCatchUp':
      return { kind: text };
  }
  const inProgress = IN_PROGRESS.exec(text);
  if (inProgress !== null) {
    return { kind: 'RecoveryInProgress', epoch: Number(inProgress[1]) };
  }
  const incomplete = INCOMPLETE_HISTORY.exec(text);
  if (incomplete !== null) {
    return {
      kind: 'RecoveryCatchUpWithIncompleteHistory',
      firstCompleteEpoch: Number(incomplete[1]),
      epochAtStart: Number(incomplete[2]),
    };
  }
  return { kind: 'Other', text };
}

/** As the node software prints it. */
export function formatNodeStatus(status: NodeStatus): string {
  switch (status.kind) {
    case 'RecoveryInProgress':
      return `RecoveryInProgress (${status.epoch})`;
    case 'RecoveryCatchUpWithIncompleteHistory':
      return (
        'RecoveryCatchUpWithIncompleteHistory ' +
        `(first complete epoch: ${status.firstCompleteEpoch}, epoch at start: ${status.epochAtStart})`
      );
    case 'Other':
      return status.text;
    case 'Standby':
    case 'Active':
    case 'RecoverMetadata':
    case 'RecoveryCatchUp':
      return status.kind;
  }
}

/**
 * Whether a node is where it should be: `Active` in the committee, `Standby` out of it. A node
 * that does not say (software older than the status field) is judged by neither.
 */
export function servesAsExpected(nodeStatus: string | null, inCurrentCommittee: boolean): boolean {
  if (nodeStatus === null) {
    return false;
  }
  const { kind } = parseNodeStatus(nodeStatus);
  return inCurrentCommittee ? kind === 'Active' : kind === 'Standby';
}
