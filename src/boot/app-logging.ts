import type { DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import pretty from 'pino-pretty';

/**
 * Structured logs: one JSON object a line when the output is a file or a pipe (a log shipper
 * reads it as it is, with no colour codes), readable colour on a terminal. Every line carries the
 * component it comes from (`context`), and the fields the code attaches (epoch, checkpoint,
 * pipeline, node, …) as fields of their own. HTTP requests are not logged one by one.
 */
export function appLoggingModule({ quiet }: { quiet: boolean }): DynamicModule {
  const level = quiet ? 'warn' : 'info';
  const destination = process.stdout.isTTY
    ? pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' })
    : pino.destination({ dest: 1, sync: true });
  return LoggerModule.forRoot({
    // No per-request logger: requests are not logged one by one, and the API's hot path should not
    // pay for a child logger it never writes to.
    forRoutes: [],
    pinoHttp: [
      {
        level,
        timestamp: pino.stdTimeFunctions.isoTime,
        base: { service: 'tusk' },
      },
      destination,
    ],
  });
}
