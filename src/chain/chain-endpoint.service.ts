import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, networkName, type AppConfig } from 'src/config/app-config';
import { DevnetServer, type DevnetReady } from 'src/devnet/devnet.server';
import { loadScenario } from 'src/devnet/scenario';

/**
 * Where Tusk reads the chain. On the local network it runs the devnet in this process and points
 * at it; otherwise it is the configured full node.
 */
@Injectable()
export class ChainEndpointService implements OnApplicationShutdown {
  private readonly logger = new Logger(ChainEndpointService.name);
  private devnetServer: DevnetServer | undefined;
  private devnetReady: DevnetReady | undefined;
  private devnetStarting: Promise<DevnetReady> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get network(): string {
    return this.config.chain.kind === 'devnet' ? 'localnet' : this.config.chain.network;
  }

  /** The devnet's description when Tusk runs one. */
  get devnet(): DevnetReady | undefined {
    return this.devnetReady;
  }

  /** Which network Tusk indexes: `local`, `testnet` or `mainnet`. */
  get networkName(): 'local' | 'testnet' | 'mainnet' {
    return networkName(this.config);
  }

  /** True when the chain is the devnet this process runs: it starts afresh with every run. */
  get isEphemeral(): boolean {
    return this.config.chain.kind === 'devnet';
  }

  /** Where the Walrus contracts live on this chain. */
  async walrusObjects(): Promise<{
    stakingObjectId: string;
    systemObjectId: string;
    slashingManagerId: string | undefined;
    packageVersions: readonly string[];
  }> {
    const chain = this.config.chain;
    if (chain.kind === 'fullnode') {
      return chain;
    }
    await this.grpcUrl();
    const devnet = this.devnetReady;
    if (devnet === undefined) {
      throw new Error('the local network did not start');
    }
    return {
      stakingObjectId: devnet.stakingObjectId,
      systemObjectId: devnet.systemObjectId,
      slashingManagerId: devnet.slashingManagerId,
      packageVersions: [devnet.packageId],
    };
  }

  async grpcUrl(): Promise<string> {
    const chain = this.config.chain;
    if (chain.kind === 'fullnode') {
      return chain.grpcUrl;
    }
    this.devnetStarting ??= this.startDevnet(chain);
    return (await this.devnetStarting).grpcUrl;
  }

  private async startDevnet(chain: Extract<AppConfig['chain'], { kind: 'devnet' }>): Promise<DevnetReady> {
    const server = new DevnetServer(
      {
        scenario: loadScenario(chain.scenario),
        seed: chain.seed,
        epochDurationMs: chain.epochDurationMs,
        genesisTimeMs: Math.floor(Date.now() / 1000) * 1000,
        port: chain.port,
      },
      (error) => {
        this.logger.error(
          `the local network stopped: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
    this.devnetServer = server;
    this.devnetReady = await server.start();
    this.logger.log(
      `local network (scenario ${chain.scenario}, seed ${chain.seed}) at ${this.devnetReady.grpcUrl}`,
    );
    return this.devnetReady;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.devnetServer?.stop();
  }
}
