import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Devnet, type DevnetOptions } from 'src/devnet/devnet';
import { GrpcWebServer } from 'src/devnet/grpc-web/grpc-web.server';
import { registerDevnetRpc } from 'src/devnet/reports/transaction-execution.handlers';
import type { NodeId } from 'src/domain/shared/node-id';

export interface DevnetServerOptions extends DevnetOptions {
  /** Port of the grpc-web endpoint; 0 picks a free one. */
  readonly port: number;
  readonly host?: string;
}

/** What `tusk devnet` prints once ready: everything a client needs to connect. */
export interface DevnetReady {
  readonly grpcUrl: string;
  readonly network: 'local';
  readonly chainId: string;
  readonly packageId: string;
  readonly stakingObjectId: string;
  readonly systemObjectId: string;
  readonly slashingManagerId: string;
  /** The `walrus_subsidies` object, when the scenario deploys that package. */
  readonly subsidiesObjectId: string | undefined;
  readonly upgradeManagerId: string;
  readonly walCoinType: string;
  /** The `tusk_reports` package and its shared registry, published at genesis. */
  readonly reportsPackageId: string;
  readonly reportsRegistryId: string;
  readonly scenario: string;
  readonly seed: number;
  readonly epochDurationMs: number;
  readonly storageNodes: { name: string; nodeId: string; networkAddress: string; healthUrl: string }[];
  /**
   * One HTTP endpoint for every storage node, chosen by the `Host` header: send a node's requests
   * here with its on-chain network address as the host (TUSK_STORAGE_NODE_GATEWAY).
   */
  readonly storageNodeGateway: string;
}

/**
 * The devnet in real time: one tick per checkpoint interval, the ledger served over grpc-web, and
 * every storage node's health API on its own loopback port (nodes registered later get one too).
 */
export class DevnetServer {
  readonly devnet: Devnet;
  private readonly grpc = new GrpcWebServer();
  private readonly healthUrls = new Map<NodeId, string>();
  private readonly gateway: Server = createServer((request, response) => {
    const host = (request.headers.host ?? '').toLowerCase();
    const node = [...this.devnet.storageNodes.values()].find(
      (candidate) => this.devnet.network.node(candidate.nodeId).networkAddress.toLowerCase() === host,
    );
    if (node === undefined) {
      response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { code: 502, message: `no storage node at ${host}` } }));
      return;
    }
    node.serve(request, response);
  });
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;

  constructor(
    private readonly options: DevnetServerOptions,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {
    this.devnet = new Devnet(options);
    registerDevnetRpc(this.grpc, this.devnet);
  }

  async start(): Promise<DevnetReady> {
    const host = this.options.host ?? '127.0.0.1';
    const grpcUrl = await this.grpc.listen(this.options.port, host);
    await this.serveNewStorageNodes();
    const gatewayUrl = await new Promise<string>((resolve, reject) => {
      this.gateway.once('error', reject);
      this.gateway.listen(0, host, () => {
        resolve(`http://${host}:${(this.gateway.address() as AddressInfo).port}`);
      });
    });
    this.timer = setInterval(() => {
      void this.step();
    }, this.devnet.checkpointIntervalMs);
    const { deployment } = this.devnet.network;
    return {
      grpcUrl,
      network: 'local',
      chainId: this.devnet.ledger.chainId,
      packageId: deployment.packageId,
      stakingObjectId: deployment.stakingObjectId,
      systemObjectId: deployment.systemObjectId,
      slashingManagerId: deployment.slashingManagerId,
      subsidiesObjectId: this.devnet.network.subsidies?.objectId,
      upgradeManagerId: this.devnet.network.upgrades.objectId,
      walCoinType: deployment.walCoinType,
      reportsPackageId: this.devnet.reports.packageId,
      reportsRegistryId: this.devnet.reports.registryId,
      scenario: this.options.scenario.name,
      seed: this.options.seed,
      epochDurationMs: this.options.epochDurationMs,
      storageNodes: [...this.devnet.storageNodes.values()].map((node) => ({
        name: node.name,
        nodeId: node.nodeId,
        networkAddress: this.devnet.network.node(node.nodeId).networkAddress,
        healthUrl: `${this.healthUrls.get(node.nodeId) ?? ''}/v1/health`,
      })),
      storageNodeGateway: gatewayUrl,
    };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
    await this.grpc.close();
    this.gateway.closeAllConnections();
    await new Promise<void>((resolve) => {
      if (!this.gateway.listening) {
        resolve();
        return;
      }
      this.gateway.close(() => {
        resolve();
      });
    });
    await Promise.all([...this.devnet.storageNodes.values()].map((node) => node.close()));
    await this.devnet.close();
  }

  private async step(): Promise<void> {
    if (this.stopping) {
      return;
    }
    try {
      // Timers fire late under load: tick until virtual time has caught up with the wall clock,
      // so that the chain's timestamps stay the real time a watcher compares them with.
      do {
        this.devnet.tick();
      } while (this.devnet.now + this.devnet.checkpointIntervalMs <= Date.now());
      await this.serveNewStorageNodes();
    } catch (error) {
      await this.stop();
      this.onFailure(error);
    }
  }

  private async serveNewStorageNodes(): Promise<void> {
    for (const node of this.devnet.storageNodes.values()) {
      if (!this.healthUrls.has(node.nodeId)) {
        this.healthUrls.set(node.nodeId, await node.listen(0, this.options.host ?? '127.0.0.1'));
      }
    }
  }
}
