import type { INestApplication } from '@nestjs/common';
import { bls12_381 as bls } from '@noble/curves/bls12-381.js';
import { compressG1 } from 'src/domain/staking/bls-key';
import type { Devnet } from 'src/devnet/devnet';
import { graphql } from 'test/support/graphql';
import { startIndexedApi, waitForWatermarks, type IndexedApi } from 'test/support/indexer-harness';

const IDENTITY = `identity {
  publicKey nextEpochPublicKey networkPublicKey
  commissionReceiver { kind id } governanceAuthorized { kind id }
  metadata { imageUrl projectUrl description extraFields { key value } }
}`;

describe('node identity', () => {
  let api: IndexedApi;
  let app: INestApplication;
  let devnet: Devnet;

  beforeAll(async () => {
    api = await startIndexedApi('commission-hike', 4, 2);
    app = api.app;
    devnet = api.devnet;
  }, 60_000);

  afterAll(async () => {
    await api.close();
  });

  const hex = (bytes: Uint8Array) => `0x${Buffer.from(bytes).toString('hex')}`;
  /** As the node software prints a key: compressed, base64. */
  const printed = (uncompressed: Uint8Array) => Buffer.from(compressG1(uncompressed)).toString('base64');

  it('shows each node’s keys and authorisations as registered, and its empty metadata', async () => {
    const member = devnet.network.node(devnet.network.committee[0]!.nodeId);
    const response = await graphql(app, `{ operator(id: "${member.nodeId}") { ${IDENTITY} } }`);
    expect(response.errors).toBeUndefined();
    expect((response.data?.operator as { identity: unknown }).identity).toEqual({
      publicKey: printed(member.publicKey),
      nextEpochPublicKey: null,
      networkPublicKey: hex(member.networkPublicKey),
      // staking_pool::new authorises the registering address for both.
      commissionReceiver: { kind: 'ADDRESS', id: member.operator },
      governanceAuthorized: { kind: 'ADDRESS', id: member.operator },
      metadata: { imageUrl: '', projectUrl: '', description: '', extraFields: [] },
    });
  });

  it('follows renames, metadata, key rotation and handing over the commission, with the changes', async () => {
    const network = devnet.network;
    const member = network.node(network.committee[1]!.nodeId);
    const treasury = `0x${'7a'.repeat(32)}`;
    const nextKey = bls.longSignatures.getPublicKey(bls.utils.randomSecretKey(new Uint8Array(48).fill(5)));
    const nextKeyBase64 = Buffer.from(nextKey.toBytes(true)).toString('base64');
    network.identity.setName(member.operator, member.nodeId, 'renamed-node');
    network.identity.setNodeMetadata(member.operator, member.nodeId, {
      imageUrl: 'https://example.org/logo.png',
      projectUrl: 'https://example.org',
      description: 'A node run from two regions',
      extraFields: [{ key: 'region', value: 'eu-west' }],
    });
    expect(() => {
      network.identity.setNextPublicKey(member.operator, member.nodeId, new Uint8Array(48).fill(5));
    }).toThrow('group_ops::EInvalidInput');
    network.identity.setNextPublicKey(member.operator, member.nodeId, nextKey.toBytes(true));
    expect(() => {
      network.identity.setCommissionReceiver(treasury, member.nodeId, { kind: 'address', address: treasury });
    }).toThrow('staking_pool::EAuthorizationFailure, code 15');
    network.identity.setCommissionReceiver(member.operator, member.nodeId, {
      kind: 'address',
      address: treasury,
    });
    expect(() => network.identity.collectCommission(member.operator, member.nodeId)).toThrow(
      'EAuthorizationFailure',
    );
    devnet.tick();
    await waitForWatermarks(api.databaseUrl, devnet.ledger.tip, 30_000);

    const before = await graphql(
      app,
      `{ operator(id: "${member.nodeId}") { name ${IDENTITY}
         identityChanges(last: 3) { name publicKey nextEpochPublicKey commissionReceiver { id } changed } } }`,
    );
    expect(before.errors).toBeUndefined();
    const operator = before.data?.operator as {
      name: string;
      identity: {
        publicKey: string;
        nextEpochPublicKey: string;
        commissionReceiver: unknown;
        metadata: unknown;
      };
      identityChanges: { name: string; changed: string[] }[];
    };
    expect(operator.name).toBe('renamed-node');
    expect(operator.identity.nextEpochPublicKey).toBe(nextKeyBase64);
    expect(operator.identity.commissionReceiver).toEqual({ kind: 'ADDRESS', id: treasury });
    expect(operator.identity.metadata).toEqual({
      imageUrl: 'https://example.org/logo.png',
      projectUrl: 'https://example.org',
      description: 'A node run from two regions',
      extraFields: [{ key: 'region', value: 'eu-west' }],
    });
    // The three calls landed in one checkpoint: one change, three fields.
    expect(operator.identityChanges[0]?.changed).toEqual([
      'name',
      'nextEpochPublicKey',
      'commissionReceiver',
    ]);

    // The scheduled key takes over when the pool advances into the next epoch.
    devnet.runUntilEpochDone(network.epoch + 1);
    await waitForWatermarks(api.databaseUrl, devnet.ledger.tip, 30_000);
    const after = await graphql(
      app,
      `{ operator(id: "${member.nodeId}") { ${IDENTITY} identityChanges(last: 1) { changed } } }`,
    );
    const rotated = after.data?.operator as {
      identity: { publicKey: string; nextEpochPublicKey: string | null };
      identityChanges: { changed: string[] }[];
    };
    expect(rotated.identity.publicKey).toBe(nextKeyBase64);
    expect(rotated.identity.nextEpochPublicKey).toBeNull();
    expect(rotated.identityChanges[0]?.changed).toEqual(['publicKey', 'nextEpochPublicKey']);

    // The new receiver collects what is not blocked until voting_end.
    const pool = network.node(member.nodeId).pool;
    const collectable = pool.commission - pool.blockedCommission;
    expect(network.identity.collectCommission(treasury, member.nodeId)).toBe(collectable);
  });
});
