import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { ChainEndpointService } from 'src/chain/chain-endpoint.service';
import { ChainHealthIndicator } from 'src/chain/chain-health.indicator';
import { SUI_CLIENT, suiClientProvider } from 'src/chain/sui-client.provider';

@Module({
  imports: [TerminusModule],
  providers: [ChainEndpointService, suiClientProvider, ChainHealthIndicator],
  exports: [ChainEndpointService, SUI_CLIENT, ChainHealthIndicator],
})
export class ChainModule {}
