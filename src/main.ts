import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from 'src/app.module';
import { ConfigError, loadProcessConfig, type AppConfig } from 'src/config/app-config';
import type { INestApplication } from '@nestjs/common';

export interface StartOptions {
  readonly port?: string;
}

export async function createApp(config: AppConfig, { quiet = false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), {
    logger: quiet ? ['warn', 'error'] : ['log', 'warn', 'error'],
    // Fail with an error the caller can report rather than exiting the process.
    abortOnError: false,
  });
  app.enableShutdownHooks();
  return app;
}

/** Boots the service and resolves once it listens; SIGINT/SIGTERM stop it cleanly. */
export async function startService(options: StartOptions = {}): Promise<INestApplication> {
  let config: AppConfig;
  try {
    config = loadProcessConfig({ PORT: options.port });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`tusk: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  new Logger('Tusk').log(
    `listening on http://${config.host}:${config.port} (role ${config.role}); health at /health`,
  );
  return app;
}

if (require.main === module) {
  startService().catch((error: unknown) => {
    process.stderr.write(
      `tusk: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
