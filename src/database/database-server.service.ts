import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from 'src/config/app-config';
import { EmbeddedPostgresServer } from 'src/database/embedded-postgres.server';

/** Resolves the database URL, starting the embedded PostgreSQL server when none is configured. */
@Injectable()
export class DatabaseServerService implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseServerService.name);
  private embedded: EmbeddedPostgresServer | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async connectionUrl(): Promise<string> {
    const database = this.config.database;
    if (database.kind !== 'embedded') {
      return database.url;
    }
    if (this.embedded === undefined) {
      this.embedded = new EmbeddedPostgresServer({
        dataDir: database.dataDir,
        port: database.port,
        onNotice: (message) => {
          this.logger.warn(message);
        },
      });
      const url = await this.embedded.start();
      this.logger.log(`embedded PostgreSQL running with its data in ${database.dataDir}`);
      return url;
    }
    return this.embedded.url;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.embedded?.stop();
  }
}
