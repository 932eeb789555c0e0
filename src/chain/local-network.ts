/**
 * A chain this process runs itself (the built-in local network), as the chain access sees it:
 * where to read it and where its Walrus objects are. The boot code plugs one in; `chain/` never
 * knows what runs behind it.
 */
export interface LocalNetworkEndpoint {
  readonly grpcUrl: string;
  readonly packageId: string;
  readonly stakingObjectId: string;
  readonly systemObjectId: string;
  readonly slashingManagerId: string;
  /** The `walrus_subsidies` object, when the network deploys that package. */
  readonly subsidiesObjectId: string | undefined;
  readonly upgradeManagerId: string;
  /** The `tusk_reports` package and its registry, published at genesis. */
  readonly reportsPackageId: string;
  readonly reportsRegistryId: string;
  /** One HTTP endpoint for every storage node, chosen by the `Host` header. */
  readonly storageNodeGateway: string;
}

export interface LocalNetworkLauncher {
  /** Starts the network (once) and resolves when it serves. */
  start(): Promise<LocalNetworkEndpoint>;
  stop(): Promise<void>;
}

/** Injection token of the `LocalNetworkLauncher`, provided only when Tusk runs its own network. */
export const LOCAL_NETWORK = Symbol('LOCAL_NETWORK');
