import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type DynamicModule, Logger, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import compression from 'compression';
import type { ServerResponse } from 'node:http';

/** Paths that belong to the API and the probes, never to the page's routes. */
const API_PATHS = ['/graphql', '/graphql/{*rest}', '/metrics', '/health', '/health/{*rest}'];

/**
 * The page's build, `web/dist`: beside the sources when run from them (tests), one floor further
 * up when run from the compiled `dist/src/web`.
 */
export function webPageDirectory(): string | undefined {
  return [join(__dirname, '..', '..', 'web', 'dist'), join(__dirname, '..', '..', '..', 'web', 'dist')].find(
    (directory) => existsSync(join(directory, 'index.html')),
  );
}

/** Hashed bundles never change under their name; the HTML shell must be asked for again each time. */
function cacheHeaders(response: ServerResponse, path: string): void {
  response.setHeader(
    'Cache-Control',
    path.includes(join('dist', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

@Module({})
class CompressedWebPageModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Only the page's files are compressed here: GraphQL answers are small or cached, and their
    // CPU is better spent answering under load.
    consumer
      .apply(compression())
      .exclude(...API_PATHS)
      .forRoutes('*');
  }
}

/**
 * Serves the web page at `/` from the same process as the API it reads: built files only, no
 * network at run time. Unknown paths outside the API get the page, whose router says "not found".
 */
@Module({})
export class WebPageModule {
  static forRoot(): DynamicModule {
    const rootPath = webPageDirectory();
    if (rootPath === undefined) {
      new Logger('WebPage').warn(
        'the web page is not built (web/dist is missing): run `npm run build` to serve it',
      );
      return { module: WebPageModule };
    }
    return {
      module: WebPageModule,
      imports: [
        CompressedWebPageModule,
        ServeStaticModule.forRoot({
          rootPath,
          exclude: API_PATHS,
          serveStaticOptions: { index: 'index.html', setHeaders: cacheHeaders },
        }),
      ],
    };
  }
}
