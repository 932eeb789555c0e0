import { GrpcTypes } from '@mysten/sui/grpc';
import { isValidSuiAddress, normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import { setBounded } from 'src/common/bounded-map';
import { GrpcStatus, GrpcStatusError } from 'src/devnet/grpc-web/grpc-status';
import { preEncoded, type CallContext, type GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import { decodeCursor, encodeCursor } from 'src/devnet/ledger/cursor';
import { queryEvents } from 'src/devnet/ledger/event-query';
import { DEFAULT_CHECKPOINT_MASK, ReadMask } from 'src/devnet/ledger/read-mask';
import type { GasFaucet } from 'src/devnet/ledger/gas-faucet';
import { toProtoObject } from 'src/devnet/ledger/proto-objects';
import type { SuiLedger } from 'src/devnet/ledger/sui-ledger';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;
const DEFAULT_ENCODED_CHECKPOINTS = 1000;
/** MIST per gas unit; the local network charges nothing, but a transaction still names a price. */
const REFERENCE_GAS_PRICE = 1000n;

/** Serves the ledger through the `sui.rpc.v2` methods an indexer and the Walrus SDK use. */
export function registerSuiRpc(
  server: GrpcWebServer,
  ledger: SuiLedger,
  {
    chain = 'localnet',
    faucet,
    encodedCheckpoints = DEFAULT_ENCODED_CHECKPOINTS,
  }: {
    chain?: string;
    faucet?: GasFaucet;
    /** Sealed checkpoints kept encoded per read mask (the most recently served). */
    encodedCheckpoints?: number;
  } = {},
): void {
  const encoded = new EncodedCheckpoints(encodedCheckpoints);
  server.register(GrpcTypes.LedgerService, {
    GetServiceInfo: () => {
      const tip = ledger.checkpoints[ledger.checkpoints.length - 1];
      return GrpcTypes.GetServiceInfoResponse.create({
        chainId: ledger.chainId,
        chain,
        epoch: tip?.summary?.epoch ?? 0n,
        checkpointHeight: tip?.sequenceNumber ?? 0n,
        timestamp: tip?.summary?.timestamp,
        lowestAvailableCheckpoint: ledger.lowestAvailable,
        lowestAvailableCheckpointObjects: ledger.lowestAvailable,
        server: 'tusk-devnet',
      });
    },
    // The Sui epoch and its reference gas price, which a client needs to build a transaction.
    GetEpoch: () => {
      const tip = ledger.checkpoints[ledger.checkpoints.length - 1];
      const epoch = tip?.summary?.epoch ?? 0n;
      return GrpcTypes.GetEpochResponse.create({
        epoch: GrpcTypes.Epoch.create({
          epoch,
          // The local network's Sui epoch never ends: it started with the chain.
          start: ledger.checkpoint(ledger.lowestAvailable)?.summary?.timestamp ?? tip?.summary?.timestamp,
          referenceGasPrice: REFERENCE_GAS_PRICE,
          systemState: GrpcTypes.SystemState.create({ epoch, referenceGasPrice: REFERENCE_GAS_PRICE }),
        }),
      });
    },
    GetObject: (request) => {
      const { objectId, version } = request as GrpcTypes.GetObjectRequest;
      return GrpcTypes.GetObjectResponse.create({ object: findObject(ledger, objectId, version) });
    },
    BatchGetObjects: (request) => {
      const { requests } = request as GrpcTypes.BatchGetObjectsRequest;
      return GrpcTypes.BatchGetObjectsResponse.create({
        objects: requests.map(({ objectId, version }) => {
          try {
            return GrpcTypes.GetObjectResult.create({
              result: { oneofKind: 'object', object: findObject(ledger, objectId, version) },
            });
          } catch (error) {
            const status = error instanceof GrpcStatusError ? error.status : GrpcStatus.INTERNAL;
            const message = error instanceof Error ? error.message : String(error);
            return GrpcTypes.GetObjectResult.create({
              result: { oneofKind: 'error', error: { code: status, message, details: [] } },
            });
          }
        }),
      });
    },
    GetCheckpoint: (request) => {
      const { checkpointId, readMask } = request as GrpcTypes.GetCheckpointRequest;
      const mask = checkpointMask(readMask);
      let checkpoint: GrpcTypes.Checkpoint | undefined;
      if (checkpointId.oneofKind === 'sequenceNumber') {
        requireRetained(ledger, checkpointId.sequenceNumber);
        checkpoint = ledger.checkpoint(checkpointId.sequenceNumber);
      } else if (checkpointId.oneofKind === 'digest') {
        const digest = checkpointId.digest;
        checkpoint = ledger.checkpoints.find((candidate) => candidate.digest === digest);
      } else {
        checkpoint = ledger.checkpoints[ledger.checkpoints.length - 1];
      }
      if (checkpoint === undefined) {
        throw new GrpcStatusError(GrpcStatus.NOT_FOUND, 'checkpoint not found');
      }
      return GrpcTypes.GetCheckpointResponse.create({ checkpoint: mask.apply(checkpoint) });
    },
    ListEvents: (request) => {
      const list = request as GrpcTypes.ListEventsRequest;
      if (list.startCheckpoint !== undefined) {
        requireRetained(ledger, list.startCheckpoint);
      }
      return toAsync(queryEvents(ledger.events, list));
    },
    ListCheckpoints: (request) => {
      const list = request as GrpcTypes.ListCheckpointsRequest;
      return toAsync(listCheckpoints(ledger, list, checkpointMask(list.readMask), encoded));
    },
  });

  server.register(GrpcTypes.StateService, {
    ListDynamicFields: (request) => {
      const { parent, pageSize, pageToken } = request as GrpcTypes.ListDynamicFieldsRequest;
      const fields = ledger.dynamicFields(requireAddress(parent, 'parent'));
      const { start, end, next } = page(fields.length, pageSize, pageToken);
      return GrpcTypes.ListDynamicFieldsResponse.create({
        dynamicFields: fields.slice(start, end).map((field) => {
          const fieldObject = ledger.get(field.fieldId);
          return GrpcTypes.DynamicField.create({
            kind:
              field.childId === undefined
                ? GrpcTypes.DynamicField_DynamicFieldKind.FIELD
                : GrpcTypes.DynamicField_DynamicFieldKind.OBJECT,
            parent: field.parent,
            fieldId: field.fieldId,
            fieldObject: fieldObject === undefined ? undefined : toProtoObject(fieldObject),
            name: GrpcTypes.Bcs.create({ name: field.nameType, value: field.nameBcs }),
            valueType: field.valueType,
            childId: field.childId,
          });
        }),
        nextPageToken: next,
      });
    },
    ListOwnedObjects: (request) => {
      const { owner, objectType, pageSize, pageToken } = request as GrpcTypes.ListOwnedObjectsRequest;
      faucet?.fund(requireAddress(owner, 'owner'), objectType);
      const objects = ledger
        .ownedBy(requireAddress(owner, 'owner'))
        .filter((object) => objectType === undefined || typeMatches(object.type, objectType));
      const { start, end, next } = page(objects.length, pageSize, pageToken);
      return GrpcTypes.ListOwnedObjectsResponse.create({
        objects: objects.slice(start, end).map(toProtoObject),
        nextPageToken: next,
      });
    },
  });

  server.register(GrpcTypes.SubscriptionService, {
    SubscribeCheckpoints: (request, context) =>
      subscribeCheckpoints(
        ledger,
        checkpointMask((request as GrpcTypes.SubscribeCheckpointsRequest).readMask),
        context,
      ),
  });
}

function findObject(
  ledger: SuiLedger,
  objectId: string | undefined,
  version: bigint | undefined,
): GrpcTypes.Object {
  const id = requireAddress(objectId, 'object_id');
  const object = ledger.get(id, version);
  if (object === undefined && version !== undefined && ledger.isPruned(id, version)) {
    throw new GrpcStatusError(
      GrpcStatus.NOT_FOUND,
      `object ${id} at version ${version} is pruned: this node keeps checkpoints from ${ledger.lowestAvailable}`,
    );
  }
  if (object === undefined) {
    const which = version === undefined ? '' : ` at version ${version}`;
    throw new GrpcStatusError(GrpcStatus.NOT_FOUND, `object ${id}${which} not found`);
  }
  return toProtoObject(object);
}

/** Like a pruned full node: what lies below the retained window is gone, and says so. */
function requireRetained(ledger: SuiLedger, sequence: bigint): void {
  if (sequence < ledger.lowestAvailable) {
    throw new GrpcStatusError(
      GrpcStatus.NOT_FOUND,
      `checkpoint ${sequence} is pruned: the lowest available checkpoint is ${ledger.lowestAvailable}`,
    );
  }
}

function requireAddress(value: string | undefined, field: string): string {
  if (value === undefined || !isValidSuiAddress(normalizeSuiAddress(value))) {
    throw new GrpcStatusError(GrpcStatus.INVALID_ARGUMENT, `${field} must be a Sui address`);
  }
  return normalizeSuiAddress(value);
}

/** Offset-based pages; the token is the next offset as 8 big-endian bytes. */
function page(total: number, pageSize: number | undefined, token: Uint8Array | undefined) {
  const size = Math.min(Math.max(pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const start = Number(decodeCursor(token, 'page_token') ?? 0n);
  const end = Math.min(start + size, total);
  const next = end < total ? encodeCursor(BigInt(end)) : undefined;
  return { start, end, next };
}

/** The fields of each checkpoint to send: the request's read mask, or a full node's default. */
function checkpointMask(readMask: { paths: string[] } | undefined): ReadMask<GrpcTypes.Checkpoint> {
  return new ReadMask(GrpcTypes.Checkpoint, readMask?.paths, DEFAULT_CHECKPOINT_MASK);
}

/**
 * Sealed checkpoints as sent, encoded once per read mask: a catching-up client lists the same
 * immutable checkpoints a full node would serve from stored bytes. Bounded, least recently served
 * out first.
 */
class EncodedCheckpoints {
  private readonly entries = new Map<string, Uint8Array>();

  constructor(private readonly capacity: number) {}

  get(key: string, encode: () => Uint8Array): Uint8Array {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const bytes = encode();
    setBounded(this.entries, key, bytes, this.capacity);
    return bytes;
  }
}

function* listCheckpoints(
  ledger: SuiLedger,
  request: GrpcTypes.ListCheckpointsRequest,
  mask: ReadMask<GrpcTypes.Checkpoint>,
  encoded: EncodedCheckpoints,
): Iterable<GrpcTypes.ListCheckpointsResponse | object> {
  const limit = request.options?.limit ?? MAX_PAGE_SIZE;
  const start = request.startCheckpoint ?? ledger.lowestAvailable;
  requireRetained(ledger, start);
  const end = request.endCheckpoint ?? ledger.tip + 1n;
  let sent = 0;
  let sequence = start;
  for (; sequence < end && sequence <= ledger.tip; sequence++) {
    if (sent >= limit) {
      yield GrpcTypes.ListCheckpointsResponse.create({
        end: { reason: GrpcTypes.QueryEndReason.ITEM_LIMIT },
      });
      return;
    }
    const current = sequence;
    yield preEncoded(
      encoded.get(`${mask.key}|${current}`, () => {
        const checkpoint = mask.apply(ledger.checkpoint(current) as GrpcTypes.Checkpoint);
        // A plain message around the checkpoint: `create` would deep-copy it first.
        return GrpcTypes.ListCheckpointsResponse.toBinary({
          checkpoint,
          watermark: GrpcTypes.Watermark.create({ checkpoint: current, cursor: encodeCursor(current) }),
        });
      }),
    );
    sent++;
  }
  const reason =
    sequence >= end ? GrpcTypes.QueryEndReason.CHECKPOINT_BOUND : GrpcTypes.QueryEndReason.LEDGER_TIP;
  yield GrpcTypes.ListCheckpointsResponse.create({ end: { reason } });
}

// The grpc-web server streams from async iterables.
// eslint-disable-next-line @typescript-eslint/require-await
async function* toAsync<T>(items: Iterable<T>): AsyncIterable<T> {
  yield* items;
}

/** New checkpoints as they are sealed, until the client leaves. */
async function* subscribeCheckpoints(
  ledger: SuiLedger,
  mask: ReadMask<GrpcTypes.Checkpoint>,
  context: CallContext,
): AsyncIterable<GrpcTypes.SubscribeCheckpointsResponse> {
  const queue: GrpcTypes.Checkpoint[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = ledger.subscribe((checkpoint) => {
    queue.push(checkpoint);
    wake?.();
  });
  const onAbort = () => wake?.();
  context.signal.addEventListener('abort', onAbort);
  try {
    while (!context.signal.aborted) {
      const checkpoint = queue.shift();
      if (checkpoint === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
        continue;
      }
      const response: GrpcTypes.SubscribeCheckpointsResponse = {
        cursor: checkpoint.sequenceNumber,
        checkpoint: mask.apply(checkpoint),
      };
      yield response;
    }
  } finally {
    unsubscribe();
    context.signal.removeEventListener('abort', onAbort);
  }
}

/** A type filter as a full node applies it: the same struct tag however its addresses are written, or its base type. */
function typeMatches(type: string, filter: string): boolean {
  const normal = (tag: string) => {
    try {
      return normalizeStructTag(tag);
    } catch {
      return tag;
    }
  };
  const normalType = normal(type);
  const normalFilter = normal(filter);
  return normalType === normalFilter || normalType.startsWith(`${normalFilter}<`);
}
