import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import { LOCAL_NETWORK, type LocalNetworkEndpoint, type LocalNetworkLauncher } from 'src/chain/local-network';
import { APP_CONFIG, networkName, type AppConfig } from 'src/config/app-config';

/**
 * Where Tusk reads the chain: the configured full node, or the local network the boot code plugged
 * in (started on first use). Either way it is a grpc-web URL and the Walrus objects' IDs.
 */
@Injectable()
export class ChainEndpointService implements OnApplicationShutdown {
  private localStarting: Promise<LocalNetworkEndpoint> | undefined;
  private localReady: LocalNetworkEndpoint | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(LOCAL_NETWORK) private readonly localNetwork?: LocalNetworkLauncher,
  ) {}

  get network(): string {
    return this.config.chain.kind === 'devnet' ? 'localnet' : this.config.chain.network;
  }

  /** The local network's description, once this process runs one. */
  get local(): LocalNetworkEndpoint | undefined {
    return this.localReady;
  }

  /** Which network Tusk indexes: `local`, `testnet` or `mainnet`. */
  get networkName(): 'local' | 'testnet' | 'mainnet' {
    return networkName(this.config);
  }

  /** True when the chain is the local network this process runs: it starts afresh with every run. */
  get isEphemeral(): boolean {
    return this.config.chain.kind === 'devnet';
  }

  /** Where the Walrus contracts live on this chain. */
  async walrusObjects(): Promise<{
    stakingObjectId: string;
    systemObjectId: string;
    slashingManagerId: string | undefined;
    subsidiesObjectId: string | undefined;
    upgradeManagerId: string | undefined;
    packageVersions: readonly string[];
    subsidiesPackageVersions: readonly string[];
  }> {
    const chain = this.config.chain;
    if (chain.kind === 'fullnode') {
      return chain;
    }
    const local = await this.startLocal();
    return {
      stakingObjectId: local.stakingObjectId,
      systemObjectId: local.systemObjectId,
      slashingManagerId: local.slashingManagerId,
      subsidiesObjectId: local.subsidiesObjectId,
      upgradeManagerId: local.upgradeManagerId,
      packageVersions: [local.packageId],
      subsidiesPackageVersions: [],
    };
  }

  /** Where the `tusk_reports` package and its registry are; undefined when this chain has none configured. */
  async reportsPackage(): Promise<{ packageId: string; registryId: string } | undefined> {
    const { packageId, registryId } = this.config.reports;
    if (packageId !== undefined && registryId !== undefined) {
      return { packageId, registryId };
    }
    if (this.config.chain.kind === 'devnet') {
      const local = await this.startLocal();
      return { packageId: local.reportsPackageId, registryId: local.reportsRegistryId };
    }
    return undefined;
  }

  async grpcUrl(): Promise<string> {
    const chain = this.config.chain;
    if (chain.kind === 'fullnode') {
      return chain.grpcUrl;
    }
    return (await this.startLocal()).grpcUrl;
  }

  private startLocal(): Promise<LocalNetworkEndpoint> {
    const launcher = this.localNetwork;
    if (launcher === undefined) {
      return Promise.reject(new Error('no local network was plugged in at boot'));
    }
    this.localStarting ??= launcher.start().then((ready) => {
      this.localReady = ready;
      return ready;
    });
    return this.localStarting;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.localNetwork?.stop();
  }
}
