import { SuiGrpcClient } from '@mysten/sui/grpc';
import { readPackageTypeOrigins } from 'src/chain/package-type-origins';
import { TypeOriginNormalizer } from 'src/chain/type-origin';
import { DEVNET_FIRST_VERSION_DATATYPES } from 'src/devnet/walrus/walrus-ledger-projection';
import { buildDevnet, serveDevnet, type ServedDevnet } from 'test/support/indexer-harness';

describe('readPackageTypeOrigins', () => {
  const devnet = buildDevnet('steady-state', 5, 1);
  let served: ServedDevnet;
  let client: SuiGrpcClient;

  beforeAll(async () => {
    served = await serveDevnet(devnet);
    client = new SuiGrpcClient({ network: 'localnet', baseUrl: served.url, format: 'binary' });
  });

  afterAll(async () => {
    await served.server.close();
  });

  it('reads the published package’s type-origin table over the wire', async () => {
    const { packageId } = devnet.network.deployment;
    const table = await readPackageTypeOrigins(client, packageId);
    expect(table.originalId).toBe(packageId);
    expect(table.typeOrigins).toHaveLength(DEVNET_FIRST_VERSION_DATATYPES.length);
    expect(table.typeOrigins).toContainEqual({ module: 'slashing', datatype: 'SlashingManager', packageId });
    const normalizer = TypeOriginNormalizer.fromTypeOrigins(table.originalId, table.typeOrigins);
    expect(normalizer.packageVersions).toEqual([packageId]);
  });

  it('refuses an object that is not a package, and a missing one, with the chain’s reason', async () => {
    const { stakingObjectId } = devnet.network.deployment;
    await expect(readPackageTypeOrigins(client, stakingObjectId)).rejects.toThrow('is not a Move package');
    await expect(readPackageTypeOrigins(client, `0x${'ee'.repeat(32)}`)).rejects.toThrow('not found');
  });
});
