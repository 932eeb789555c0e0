import { bcs } from '@mysten/sui/bcs';
import type { SuiClientTypes } from '@mysten/sui/client';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { deriveDynamicFieldID, normalizeSuiAddress } from '@mysten/sui/utils';
import * as W from 'src/chain/walrus-bcs';
import { SubsidiesInnerKey, subsidiesTypes } from 'src/chain/walrus-subsidies-bcs';
import type { WalrusCheckpoint, WalrusObjectChange, WalrusObjectKind } from 'src/indexer/walrus-checkpoint';

export interface WalrusObjectIds {
  readonly stakingObjectId: string;
  readonly systemObjectId: string;
  /** The original Walrus package: the address its types carry. */
  readonly packageId: string;
  /** The `SlashingManager`, when known: its open proposals are part of the state. */
  readonly slashingManagerId?: string;
  /** The `UpgradeManager`, when known: its open upgrade proposals are part of the state. */
  readonly upgradeManagerId?: string;
  /** The `walrus_subsidies` object and its package's original ID, when the chain has one. */
  readonly subsidies?: { readonly objectId: string; readonly packageId: string };
}

const PAGE = 50;

/**
 * Reads the current Walrus staking state with object reads (the staking and system inner objects,
 * the active set, every pool with its exchange-rate table and metadata, the pools' caps, the
 * deny-list sizes, the slashing proposals and the subsidies state)
 * and presents it as one synthetic checkpoint, so the pipelines file it exactly as if it had been
 * replayed. The reads are not pinned to a checkpoint: they are taken after `checkpoint`, and
 * replaying from `checkpoint + 1` cannot move anything backwards because every write is
 * version-guarded. StakedWal positions are address-owned and cannot be enumerated; they appear
 * as their owners next touch them (or by backfilling the range that created them).
 */
export class SnapshotReader {
  constructor(
    private readonly client: SuiGrpcClient,
    private readonly ids: WalrusObjectIds,
  ) {}

  async read(signal?: AbortSignal): Promise<WalrusCheckpoint> {
    const { response: info } = await this.client.ledgerService.getServiceInfo({}, { abort: signal });
    const checkpoint = info.checkpointHeight;
    if (checkpoint === undefined) {
      throw new Error('the full node did not report its checkpoint height');
    }
    const { response: summary } = await this.client.ledgerService.getCheckpoint(
      {
        checkpointId: { oneofKind: 'sequenceNumber', sequenceNumber: checkpoint },
        readMask: { paths: ['sequence_number', 'summary.timestamp'] },
      },
      { abort: signal },
    );
    const origin = this.ids.packageId;
    const objects: WalrusObjectChange[] = [];

    const staking = W.VersionedRoot.parse(await this.content(this.ids.stakingObjectId));
    const innerField = await this.object(
      deriveDynamicFieldID(this.ids.stakingObjectId, 'u64', bcs.u64().serialize(staking.version).toBytes()),
    );
    objects.push(change('stakingInner', innerField));
    // `set_migration_epoch`'s field, when set: the only `vector<u8>`-keyed field of `Staking`.
    const migration = (await this.fields(this.ids.stakingObjectId)).filter(
      (field) => field.name.type === 'vector<u8>',
    );
    for (const field of await this.objects(migration.map((entry) => entry.fieldId))) {
      objects.push(change('migrationEpoch', field));
    }
    const inner = W.StakingInnerField.parse(innerField.content).value;

    const keyType = `${origin}::extended_field::Key`;
    const keyBcs = W.ExtendedFieldKey.serialize({ dummy_field: false }).toBytes();
    objects.push(
      change('activeSet', await this.object(deriveDynamicFieldID(inner.active_set.id, keyType, keyBcs))),
    );

    const poolIds = (await this.fields(inner.pools.id)).map((field) =>
      normalizeSuiAddress(bcs.Address.parse(field.name.bcs)),
    );
    const pools = await this.objects(poolIds);
    const capIds: string[] = [];
    const capOwners = new Set<string>();
    const rateFieldIds: string[] = [];
    const metadataFieldIds: string[] = [];
    for (const pool of pools) {
      objects.push(change('stakingPool', pool));
      const decoded = W.StakingPool.parse(pool.content);
      metadataFieldIds.push(deriveDynamicFieldID(decoded.node_info.metadata.id, keyType, keyBcs));
      // A cap is found from whoever the pool authorises: a cap named as receiver directly, else
      // the addresses (the registering operator, unless changed) that may hold it.
      for (const authorized of [decoded.commission_receiver, decoded.governance_authorized]) {
        if (authorized.$kind === 'ObjectID') {
          capIds.push(authorized.ObjectID);
        } else {
          capOwners.add(normalizeSuiAddress(authorized.Address));
        }
      }
      rateFieldIds.push(...(await this.fields(decoded.exchange_rates.id)).map((field) => field.fieldId));
    }
    for (const rate of await this.objects(rateFieldIds)) {
      objects.push(change('exchangeRate', rate));
    }
    for (const metadata of await this.objects(metadataFieldIds)) {
      objects.push(change('nodeMetadata', metadata));
    }
    const typeOfCap = `${origin}::storage_node::StorageNodeCap`;
    const caps = new Map<string, SuiClientTypes.Object<{ content: true; previousTransaction: true }>>();
    for (const cap of [
      ...(await this.objects([...new Set(capIds)])),
      ...(await this.ownedOfType([...capOwners], typeOfCap)),
    ]) {
      if (cap.type === typeOfCap) {
        caps.set(normalizeSuiAddress(cap.objectId), cap);
      }
    }
    for (const cap of caps.values()) {
      objects.push(change('storageNodeCap', cap));
    }

    const system = W.VersionedRoot.parse(await this.content(this.ids.systemObjectId));
    const systemField = await this.object(
      deriveDynamicFieldID(this.ids.systemObjectId, 'u64', bcs.u64().serialize(system.version).toBytes()),
    );
    objects.push(change('systemInner', systemField));
    const systemInner = W.SystemInnerField.parse(systemField.content).value;
    objects.push(
      change(
        'denyListSizes',
        await this.object(deriveDynamicFieldID(systemInner.deny_list_sizes.id, keyType, keyBcs)),
      ),
    );

    if (this.ids.slashingManagerId !== undefined) {
      const manager = W.SlashingManager.parse(await this.content(this.ids.slashingManagerId));
      const proposalIds = (await this.fields(manager.slashing_candidates.id)).map((field) => field.fieldId);
      for (const proposal of await this.objects(proposalIds)) {
        objects.push(change('slashingProposal', proposal));
      }
    }

    if (this.ids.upgradeManagerId !== undefined) {
      const upgrades = W.UpgradeManager.parse(await this.content(this.ids.upgradeManagerId));
      const proposalIds = (await this.fields(upgrades.upgrade_proposals.id)).map((field) => field.fieldId);
      for (const proposal of await this.objects(proposalIds)) {
        objects.push(change('upgradeProposal', proposal));
      }
    }

    const subsidies = this.ids.subsidies;
    if (subsidies !== undefined) {
      const keyOfInner = subsidiesTypes(subsidies.packageId).innerKey;
      const innerKey = SubsidiesInnerKey.serialize({ dummy_field: false }).toBytes();
      objects.push(
        change(
          'subsidiesInner',
          await this.object(deriveDynamicFieldID(subsidies.objectId, keyOfInner, innerKey)),
        ),
      );
    }

    const seconds = summary.checkpoint?.summary?.timestamp;
    return {
      sequence: checkpoint,
      timestampMs:
        seconds === undefined ? Date.now() : Number(seconds.seconds) * 1000 + Math.floor(seconds.nanos / 1e6),
      transactions: [{ digest: `snapshot@${checkpoint}`, objects, events: [] }],
      snapshot: true,
    };
  }

  /** Every object of `type` the addresses own. */
  private async ownedOfType(
    owners: readonly string[],
    type: string,
  ): Promise<SuiClientTypes.Object<{ content: true; previousTransaction: true }>[]> {
    const found: SuiClientTypes.Object<{ content: true; previousTransaction: true }>[] = [];
    for (const owner of owners) {
      let cursor: string | null = null;
      do {
        const page: SuiClientTypes.ListOwnedObjectsResponse<{ content: true; previousTransaction: true }> =
          await this.client.core.listOwnedObjects({
            owner,
            type,
            cursor,
            limit: PAGE,
            include: { content: true, previousTransaction: true },
          });
        found.push(...page.objects);
        cursor = page.hasNextPage ? page.cursor : null;
      } while (cursor !== null);
    }
    return found;
  }

  private async content(objectId: string): Promise<Uint8Array> {
    return (await this.object(objectId)).content;
  }

  private async object(
    objectId: string,
  ): Promise<SuiClientTypes.Object<{ content: true; previousTransaction: true }>> {
    const { object } = await this.client.core.getObject({
      objectId,
      include: { content: true, previousTransaction: true },
    });
    return object;
  }

  private async objects(
    objectIds: readonly string[],
  ): Promise<SuiClientTypes.Object<{ content: true; previousTransaction: true }>[]> {
    const found: SuiClientTypes.Object<{ content: true; previousTransaction: true }>[] = [];
    for (let i = 0; i < objectIds.length; i += PAGE) {
      const { objects } = await this.client.core.getObjects({
        objectIds: objectIds.slice(i, i + PAGE),
        include: { content: true, previousTransaction: true },
      });
      for (const object of objects) {
        if (object instanceof Error) {
          throw object;
        }
        found.push(object);
      }
    }
    return found;
  }

  private async fields(parentId: string): Promise<SuiClientTypes.DynamicFieldEntry[]> {
    const entries: SuiClientTypes.DynamicFieldEntry[] = [];
    let cursor: string | null = null;
    do {
      const page: SuiClientTypes.ListDynamicFieldsResponse = await this.client.core.listDynamicFields({
        parentId,
        cursor,
        limit: PAGE,
      });
      entries.push(...page.dynamicFields);
      cursor = page.hasNextPage ? page.cursor : null;
    } while (cursor !== null);
    return entries;
  }
}

function change(
  kind: WalrusObjectKind,
  object: SuiClientTypes.Object<{ content: true; previousTransaction: true }>,
): WalrusObjectChange {
  const owner = object.owner;
  return {
    kind,
    objectId: normalizeSuiAddress(object.objectId),
    version: BigInt(object.version),
    operation: 'mutated',
    owner:
      owner.$kind === 'AddressOwner'
        ? normalizeSuiAddress(owner.AddressOwner)
        : owner.$kind === 'ObjectOwner'
          ? normalizeSuiAddress(owner.ObjectOwner)
          : null,
    contents: object.content,
    txDigest: object.previousTransaction ?? '',
  };
}
