import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReplicaLag } from 'src/database/replica-lag';
import { readManager } from 'src/store/read-scope';
import type { Meta } from 'src/api/meta/meta.types';
import { APP_CONFIG, networkName, type AppConfig } from 'src/config/app-config';
import { IndexedNetworkRepository } from 'src/store/indexer/indexed-network.repository';
import { PIPELINE_NAMES } from 'src/indexer/pipelines/pipeline';
import { WatermarkRepository } from 'src/store/indexer/watermark.repository';

/** `_meta`: read from the database, so any API replica reports what the writer committed. */
@Injectable()
export class MetaService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly replicaLag: ReplicaLag,
  ) {}

  async meta(now = Date.now()): Promise<Meta> {
    const manager = readManager(this.dataSource);
    const [watermarks, network, epochRows, replica] = await Promise.all([
      WatermarkRepository.all(manager),
      IndexedNetworkRepository.get(manager),
      manager.query<{ epoch: number | null }[]>('SELECT max(epoch) AS epoch FROM staking_state'),
      this.replicaLag.status(now) ?? null,
    ]);
    const lag = (timestampMs: number | null) =>
      timestampMs === null ? null : Math.max(0, (now - timestampMs) / 1000);
    const tip = watermarks.filter((watermark) =>
      (PIPELINE_NAMES as readonly string[]).includes(watermark.pipeline),
    );
    const slowest = tip.reduce<(typeof tip)[number] | undefined>(
      (low, watermark) => (low === undefined || watermark.checkpoint < low.checkpoint ? watermark : low),
      undefined,
    );
    return {
      network: network?.network ?? networkName(this.config),
      chainId: network?.chainId ?? null,
      checkpoint: slowest === undefined || slowest.checkpoint < 0n ? null : slowest.checkpoint,
      epoch: epochRows[0]?.epoch ?? null,
      lagSeconds: slowest === undefined ? null : lag(slowest.timestampMs),
      pipelines: watermarks.map((watermark) => ({
        name: watermark.pipeline,
        checkpoint: watermark.checkpoint < 0n ? null : watermark.checkpoint,
        lagSeconds: lag(watermark.timestampMs),
        error: watermark.error,
      })),
      replica,
    };
  }
}
