import * as W from 'src/chain/walrus-bcs';
import type { Pipeline, PreparedBatch } from 'src/indexer/pipelines/pipeline';
import type { WalrusCheckpoint } from 'src/indexer/walrus-checkpoint';
import { decodeObject } from 'src/indexer/walrus-decoders';
import {
  StakedWalRepository,
  type StakedWalCurrentRow,
  type StakedWalDeletion,
  type StakedWalFields,
  type StakedWalVersionRow,
} from 'src/store/positions/staked-wal.repository';

/** A deletion's version row: the object is gone, and so are its fields. */
const NO_POSITION = {
  owner: null,
  nodeId: null,
  principal: null,
  state: null,
  withdrawEpoch: null,
  activationEpoch: null,
} as const;

/**
 * StakedWal positions from object changes (staking emits no events): created on stake or split,
 * mutated on a withdrawal request or join, deleted on withdrawal or when joined into another.
 */
export class StakedWalPipeline implements Pipeline<null> {
  readonly name = 'staked_wal' as const;

  loadState(): Promise<null> {
    return Promise.resolve(null);
  }

  prepare(checkpoints: readonly WalrusCheckpoint[]): PreparedBatch<null> {
    const versions: StakedWalVersionRow[] = [];
    const current = new Map<string, StakedWalCurrentRow>();
    const deletions = new Map<string, StakedWalDeletion>();
    for (const checkpoint of checkpoints) {
      for (const transaction of checkpoint.transactions) {
        for (const change of transaction.objects) {
          if (change.kind !== 'stakedWal') {
            continue;
          }
          const base = {
            objectId: change.objectId,
            version: change.version,
            checkpoint: checkpoint.sequence,
            txDigest: change.txDigest,
            timestamp: new Date(checkpoint.timestampMs),
          };
          if (change.operation === 'deleted') {
            versions.push({ ...base, operation: 'deleted', ...NO_POSITION });
            deletions.set(change.objectId, { ...base });
            continue;
          }
          const decoded = decodeObject(W.StakedWal, change);
          const position: StakedWalFields = {
            owner: change.owner ?? '',
            nodeId: decoded.node_id,
            principal: BigInt(decoded.principal.value),
            state: decoded.state.$kind === 'Staked' ? 'staked' : 'withdrawing',
            withdrawEpoch: decoded.state.Withdrawing?.withdraw_epoch ?? null,
            activationEpoch: decoded.activation_epoch,
          };
          versions.push({ ...base, operation: change.operation, ...position });
          const earlier = current.get(change.objectId);
          current.set(change.objectId, {
            ...position,
            objectId: change.objectId,
            version: change.version,
            createdCheckpoint:
              change.operation === 'created' ? checkpoint.sequence : (earlier?.createdCheckpoint ?? null),
            updatedCheckpoint: checkpoint.sequence,
          });
        }
      }
    }
    return {
      state: null,
      changes: versions.length,
      write: (manager) =>
        StakedWalRepository.write(manager, versions, [...current.values()], [...deletions.values()]),
    };
  }
}
