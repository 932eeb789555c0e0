import { Global, Injectable, Module } from '@nestjs/common';
import type { MetricObjectWithValues, MetricValue } from 'prom-client';

/** A process's metrics as prom-client gives them (`Registry.getMetricsAsJSON`). */
export type MetricsAsJson = MetricObjectWithValues<MetricValue<string>>[];

interface Serving {
  readonly socketPath: string;
  readonly metrics: () => Promise<MetricsAsJson | undefined>;
}

/**
 * The process that runs this API's costly queries, while it serves (see
 * `CostlyQueryProcessSupervisor`): where it listens, for the front door that forwards them, and
 * its metrics, for `/metrics`. Nothing serves in an application composed in-process (tests), nor
 * while it starts again: costly queries then run here, as they would without it.
 */
@Injectable()
export class CostlyQueryProcess {
  private serving: Serving | undefined;

  /** Its Unix socket while it serves. */
  get socketPath(): string | undefined {
    return this.serving?.socketPath;
  }

  opened(serving: Serving): void {
    this.serving = serving;
  }

  closed(): void {
    this.serving = undefined;
  }

  /** Its metrics, undefined when it does not serve or does not answer. */
  async metrics(): Promise<MetricsAsJson | undefined> {
    return this.serving?.metrics();
  }
}

@Global()
@Module({ providers: [CostlyQueryProcess], exports: [CostlyQueryProcess] })
export class CostlyQueryProcessModule {}
