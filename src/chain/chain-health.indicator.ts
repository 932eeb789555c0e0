import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { SuiGrpcClient } from '@mysten/sui/grpc';
import { SUI_CLIENT } from 'src/chain/sui-client.provider';

const CHAIN_TIMEOUT_MS = 3000;

/** The chain is up when its full node answers `GetServiceInfo` in time. */
@Injectable()
export class ChainHealthIndicator {
  constructor(
    @Inject(SUI_CLIENT) private readonly client: SuiGrpcClient,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string): Promise<HealthIndicatorResult> {
    const indicator = this.health.check(key);
    try {
      const { response } = await this.client.ledgerService.getServiceInfo({}, { timeout: CHAIN_TIMEOUT_MS });
      return indicator.up({
        chainId: response.chainId ?? null,
        checkpoint: response.checkpointHeight?.toString() ?? null,
        epoch: response.epoch?.toString() ?? null,
      });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
