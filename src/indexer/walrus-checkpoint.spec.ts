import { GrpcTypes } from '@mysten/sui/grpc';
import { NonRetryableChainError } from 'src/chain/chain-errors';
import { TypeOriginNormalizer } from 'src/chain/type-origin';
import { EpochChangeStart, StakedWal } from 'src/chain/walrus-bcs';
import { WalrusCheckpointReader } from 'src/indexer/walrus-checkpoint';

const ORIGINAL = `0x${'a1'.repeat(32)}`;
const UPGRADE = `0x${'b2'.repeat(32)}`;
const OTHER = `0x${'c3'.repeat(32)}`;
const OWNER = `0x${'0d'.repeat(32)}`;
const POSITION = `0x${'e5'.repeat(32)}`;

function checkpoint(transaction: Partial<GrpcTypes.ExecutedTransaction>): GrpcTypes.Checkpoint {
  return GrpcTypes.Checkpoint.create({
    sequenceNumber: 7n,
    summary: GrpcTypes.CheckpointSummary.create({
      timestamp: { seconds: 1_700_000_000n, nanos: 250_000_000 },
    }),
    transactions: [GrpcTypes.ExecutedTransaction.create({ digest: 'tx1', ...transaction })],
  });
}

const stakedWalBytes = StakedWal.serialize({
  id: POSITION,
  state: { Staked: true },
  node_id: OWNER,
  principal: { value: 5n },
  activation_epoch: 3,
}).toBytes();

describe('WalrusCheckpointReader', () => {
  const reader = new WalrusCheckpointReader(new TypeOriginNormalizer([ORIGINAL, UPGRADE]));

  it('keeps Walrus objects and events of any package version, under the original package', () => {
    const read = reader.read(
      checkpoint({
        effects: GrpcTypes.TransactionEffects.create({
          lamportVersion: 9n,
          changedObjects: [
            GrpcTypes.ChangedObject.create({
              objectId: POSITION,
              inputState: GrpcTypes.ChangedObject_InputObjectState.DOES_NOT_EXIST,
              outputState: GrpcTypes.ChangedObject_OutputObjectState.OBJECT_WRITE,
              outputVersion: 9n,
              outputOwner: GrpcTypes.Owner.create({
                kind: GrpcTypes.Owner_OwnerKind.ADDRESS,
                address: OWNER,
              }),
              idOperation: GrpcTypes.ChangedObject_IdOperation.CREATED,
              objectType: `${UPGRADE}::staked_wal::StakedWal`,
            }),
            GrpcTypes.ChangedObject.create({
              objectId: OWNER,
              outputState: GrpcTypes.ChangedObject_OutputObjectState.OBJECT_WRITE,
              outputVersion: 9n,
              objectType: `${OTHER}::staked_wal::StakedWal`,
            }),
          ],
        }),
        objects: GrpcTypes.ObjectSet.create({
          objects: [
            GrpcTypes.Object.create({
              objectId: POSITION,
              version: 9n,
              contents: GrpcTypes.Bcs.create({ value: stakedWalBytes }),
            }),
          ],
        }),
        events: GrpcTypes.TransactionEvents.create({
          events: [
            GrpcTypes.Event.create({
              eventType: `${UPGRADE}::events::EpochChangeStart`,
              sender: OWNER,
              eventIndex: 0,
              contents: GrpcTypes.Bcs.create({ value: EpochChangeStart.serialize({ epoch: 4 }).toBytes() }),
            }),
            GrpcTypes.Event.create({ eventType: `${OTHER}::events::EpochChangeStart`, eventIndex: 1 }),
          ],
        }),
      }),
    );
    expect(read.sequence).toBe(7n);
    expect(read.timestampMs).toBe(1_700_000_000_250);
    expect(read.transactions).toHaveLength(1);
    const [transaction] = read.transactions;
    // The look-alike type from another package is not Walrus's.
    expect(transaction?.objects).toEqual([
      {
        kind: 'stakedWal',
        objectId: POSITION,
        version: 9n,
        operation: 'created',
        owner: OWNER,
        contents: stakedWalBytes,
        txDigest: 'tx1',
      },
    ]);
    expect(transaction?.events).toMatchObject([
      { name: 'EpochChangeStart', moveType: `${ORIGINAL}::events::EpochChangeStart`, eventIndex: 0 },
    ]);
  });

  it('reports a deletion at the transaction version, without contents', () => {
    const read = reader.read(
      checkpoint({
        effects: GrpcTypes.TransactionEffects.create({
          lamportVersion: 12n,
          changedObjects: [
            GrpcTypes.ChangedObject.create({
              objectId: POSITION,
              inputVersion: 9n,
              outputState: GrpcTypes.ChangedObject_OutputObjectState.DOES_NOT_EXIST,
              idOperation: GrpcTypes.ChangedObject_IdOperation.DELETED,
              objectType: `${ORIGINAL}::staked_wal::StakedWal`,
            }),
          ],
        }),
      }),
    );
    expect(read.transactions[0]?.objects).toEqual([
      {
        kind: 'stakedWal',
        objectId: POSITION,
        version: 12n,
        operation: 'deleted',
        owner: null,
        txDigest: 'tx1',
      },
    ]);
  });

  it('follows slashing proposals, a type an upgrade introduced, and keeps the table a deleted one hung under', () => {
    const table = `0x${'f6'.repeat(32)}`;
    const read = reader.read(
      checkpoint({
        effects: GrpcTypes.TransactionEffects.create({
          lamportVersion: 15n,
          changedObjects: [
            GrpcTypes.ChangedObject.create({
              objectId: POSITION,
              inputVersion: 11n,
              inputOwner: GrpcTypes.Owner.create({ kind: GrpcTypes.Owner_OwnerKind.OBJECT, address: table }),
              outputState: GrpcTypes.ChangedObject_OutputObjectState.DOES_NOT_EXIST,
              idOperation: GrpcTypes.ChangedObject_IdOperation.DELETED,
              objectType: `0x2::dynamic_field::Field<0x2::object::ID, ${UPGRADE}::slashing::SlashingProposal>`,
            }),
          ],
        }),
      }),
    );
    expect(read.transactions[0]?.objects).toEqual([
      {
        kind: 'slashingProposal',
        objectId: POSITION,
        version: 15n,
        operation: 'deleted',
        owner: table,
        txDigest: 'tx1',
      },
    ]);
  });

  it('refuses a written Walrus object whose contents did not come with the checkpoint', () => {
    const withoutContents = checkpoint({
      effects: GrpcTypes.TransactionEffects.create({
        changedObjects: [
          GrpcTypes.ChangedObject.create({
            objectId: POSITION,
            outputState: GrpcTypes.ChangedObject_OutputObjectState.OBJECT_WRITE,
            outputVersion: 9n,
            objectType: `${ORIGINAL}::staked_wal::StakedWal`,
          }),
        ],
      }),
    });
    expect(() => reader.read(withoutContents)).toThrow(NonRetryableChainError);
    expect(() => reader.read(withoutContents)).toThrow(/contents of stakedWal .* are missing/);
  });

  it('skips checkpoints without Walrus activity', () => {
    expect(reader.read(checkpoint({})).transactions).toEqual([]);
  });
});
