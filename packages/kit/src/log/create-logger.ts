import pino from 'pino';
import pretty from 'pino-pretty';
import type { Logger, LoggerOptions } from 'pino';
import { currentContext } from '../context/request-context';
import { CENSOR, REDACT_PATHS, scrubText } from './redaction';

export type { Logger } from 'pino';

export interface CreateLoggerOptions {
  service: string;
  level: LoggerOptions['level'];
  format: 'json' | 'pretty';
  /** Where lines go; stdout by default. Tests pass a stream to read what was written. */
  destination?: NodeJS.WritableStream;
}

interface RequestLike {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * The one logger of a process. Every line carries `service`, and inside a request or a batch
 * its `traceId`/`spanId`; secrets are censored by field name and scrubbed from free text.
 */
export function createLogger({ service, level, format, destination }: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    redact: { paths: REDACT_PATHS, censor: CENSOR },
    mixin() {
      const context = currentContext();
      if (context?.traceId === undefined) return {};
      return { traceId: context.traceId, spanId: context.spanId };
    },
    serializers: {
      err: (error: Error) => {
        const serialized = pino.stdSerializers.err(error);
        serialized.message = scrubText(serialized.message);
        if (serialized.stack) serialized.stack = scrubText(serialized.stack);
        return serialized;
      },
      // Fastify's request line, without the secrets a query string can carry (`hub.verify_token`).
      req: (request: RequestLike) => ({
        method: request.method,
        url: request.url === undefined ? undefined : scrubText(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
    formatters: {
      log(object) {
        for (const [key, value] of Object.entries(object)) {
          if (typeof value === 'string') object[key] = scrubText(value);
        }
        return object;
      },
    },
    hooks: {
      // The message text itself may quote a connection string (driver errors do).
      logMethod(args, method) {
        const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubText(arg) : arg)) as typeof args;
        method.apply(this, scrubbed);
      },
    },
  };
  if (format === 'pretty') {
    // NOTE: in-process and synchronous, not a worker transport: a developer's terminal, not a
    // production hot path, and lines are not lost when the process exits on a crash.
    return pino(options, pretty({ sync: true, translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname', destination: destination ?? 1 }));
  }
  return destination === undefined ? pino(options) : pino(options, destination);
}
