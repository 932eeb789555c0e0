import { GrpcTypes, RpcError, SuiGrpcClient } from '@mysten/sui/grpc';
import { GrpcStatus, GrpcStatusError } from 'src/devnet/grpc-web/grpc-status';
import { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';

describe('grpc-web server', () => {
  const server = new GrpcWebServer();
  let baseUrl = '';

  beforeAll(async () => {
    server.register(GrpcTypes.LedgerService, {
      GetServiceInfo: () =>
        GrpcTypes.GetServiceInfoResponse.create({
          chainId: 'tusk',
          chain: 'local',
          epoch: 3n,
          checkpointHeight: 42n,
        }),
      GetObject: (request) => {
        const { objectId } = request as GrpcTypes.GetObjectRequest;
        throw new GrpcStatusError(GrpcStatus.NOT_FOUND, `object ${objectId ?? ''} not found`);
      },
    });
    server.register(GrpcTypes.SubscriptionService, {
      async *SubscribeCheckpoints() {
        for (let cursor = 1n; cursor <= 3n; cursor++) {
          await new Promise((resolve) => setTimeout(resolve, 150));
          yield GrpcTypes.SubscribeCheckpointsResponse.create({
            cursor,
            checkpoint: GrpcTypes.Checkpoint.create({ sequenceNumber: cursor }),
          });
        }
      },
    });
    baseUrl = await server.listen(0);
  });

  afterAll(async () => {
    await server.close();
  });

  it.each(['text', 'binary'] as const)(
    'serves a unary call to SuiGrpcClient in %s format',
    async (format) => {
      const client = new SuiGrpcClient({ network: 'localnet', baseUrl, format });
      const { response } = await client.ledgerService.getServiceInfo({});
      expect(response).toMatchObject({ chainId: 'tusk', epoch: 3n, checkpointHeight: 42n });
    },
  );

  it('answers UNIMPLEMENTED for a method it does not serve', async () => {
    const client = new SuiGrpcClient({ network: 'localnet', baseUrl });
    const call = client.ledgerService.getTransaction({ digest: 'x' });
    await expect(call.response).rejects.toBeInstanceOf(RpcError);
    await expect(call.response).rejects.toMatchObject({ code: 'UNIMPLEMENTED' });
  });

  it('passes a handler status through', async () => {
    const client = new SuiGrpcClient({ network: 'localnet', baseUrl, format: 'binary' });
    await expect(client.ledgerService.getObject({ objectId: '0x5' }).response).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'object 0x5 not found',
    });
  });

  it.each(['text', 'binary'] as const)('streams frames as they are produced (%s)', async (format) => {
    const client = new SuiGrpcClient({ network: 'localnet', baseUrl, format });
    const started = Date.now();
    const arrivals: [bigint | undefined, number][] = [];
    const call = client.subscriptionService.subscribeCheckpoints({});
    for await (const frame of call.responses) {
      arrivals.push([frame.checkpoint?.sequenceNumber, Date.now() - started]);
    }
    expect(arrivals.map(([sequence]) => sequence)).toEqual([1n, 2n, 3n]);
    // Each frame arrives on its own, not all at the end.
    expect(arrivals[1]![1] - arrivals[0]![1]).toBeGreaterThanOrEqual(100);
  });

  it('refuses what is not grpc-web', async () => {
    const response = await fetch(`${baseUrl}/sui.rpc.v2.LedgerService/GetServiceInfo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(415);
  });
});
