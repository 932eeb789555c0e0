import { type DynamicModule, Global, Logger, Module } from '@nestjs/common';
import { LOCAL_NETWORK, type LocalNetworkEndpoint, type LocalNetworkLauncher } from 'src/chain/local-network';
import type { AppConfig } from 'src/config/app-config';
import { DevnetServer, type DevnetReady } from 'src/devnet/devnet.server';
import { loadScenario } from 'src/devnet/scenario';

type DevnetChain = Extract<AppConfig['chain'], { kind: 'devnet' }>;

/** The built-in local network, run in this process: the devnet behind a real grpc-web port. */
class InProcessDevnet implements LocalNetworkLauncher {
  private readonly logger = new Logger('LocalNetwork');
  private server: DevnetServer | undefined;
  private starting: Promise<DevnetReady> | undefined;

  constructor(private readonly chain: DevnetChain) {}

  start(): Promise<LocalNetworkEndpoint> {
    this.starting ??= this.launch();
    return this.starting;
  }

  private async launch(): Promise<DevnetReady> {
    const chain = this.chain;
    const server = new DevnetServer(
      {
        scenario: loadScenario(chain.scenario),
        seed: chain.seed,
        epochDurationMs: chain.epochDurationMs,
        genesisTimeMs: Math.floor(Date.now() / 1000) * 1000,
        port: chain.port,
        retainedCheckpoints: chain.retainedCheckpoints,
        coldObjectsDirectory: chain.objectStoreDir,
      },
      (error) => {
        this.logger.error(
          `the local network stopped: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
    this.server = server;
    const ready = await server.start();
    this.logger.log(`local network (scenario ${chain.scenario}, seed ${chain.seed}) at ${ready.grpcUrl}`);
    return ready;
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }
}

/**
 * Plugs the built-in local network into the chain access at boot, when the configuration asks for
 * it; the chain access sees only an endpoint.
 */
@Global()
@Module({})
export class LocalNetworkModule {
  static forRoot(config: AppConfig): DynamicModule {
    const chain = config.chain;
    return {
      module: LocalNetworkModule,
      providers:
        chain.kind === 'devnet' ? [{ provide: LOCAL_NETWORK, useValue: new InProcessDevnet(chain) }] : [],
      exports: chain.kind === 'devnet' ? [LOCAL_NETWORK] : [],
    };
  }
}
