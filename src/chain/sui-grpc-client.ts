import { SuiGrpcClient } from '@mysten/sui/grpc';
import { wholeFrameFetch } from 'src/chain/grpc-web-frames';

/**
 * A client as Tusk reads the chain: binary grpc-web (the text format base64-encodes every frame,
 * which costs more than decoding it), its responses handed over a whole frame at a time.
 */
export function createSuiGrpcClient(network: SuiGrpcClient['network'], baseUrl: string): SuiGrpcClient {
  return new SuiGrpcClient({ network, baseUrl, format: 'binary', fetch: wholeFrameFetch() });
}
