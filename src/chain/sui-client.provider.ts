import type { Provider } from '@nestjs/common';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { ChainEndpointService } from 'src/chain/chain-endpoint.service';
import { createSuiGrpcClient } from 'src/chain/sui-grpc-client';

export const SUI_CLIENT = Symbol('SUI_CLIENT');

/** The one `SuiGrpcClient` of the process, on the configured endpoint. */
export const suiClientProvider: Provider = {
  provide: SUI_CLIENT,
  inject: [ChainEndpointService],
  useFactory: async (endpoint: ChainEndpointService): Promise<SuiGrpcClient> =>
    createSuiGrpcClient(endpoint.network, await endpoint.grpcUrl()),
};
