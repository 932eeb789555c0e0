import type { Provider } from '@nestjs/common';
import { SuiGrpcClient } from '@mysten/sui/grpc';
import { ChainEndpointService } from 'src/chain/chain-endpoint.service';

export const SUI_CLIENT = Symbol('SUI_CLIENT');

/** The one `SuiGrpcClient` of the process, on the configured endpoint. */
export const suiClientProvider: Provider = {
  provide: SUI_CLIENT,
  inject: [ChainEndpointService],
  useFactory: async (endpoint: ChainEndpointService): Promise<SuiGrpcClient> =>
    // Binary grpc-web: the text format base64-encodes every frame, which costs more than decoding it.
    new SuiGrpcClient({ network: endpoint.network, baseUrl: await endpoint.grpcUrl(), format: 'binary' }),
};
