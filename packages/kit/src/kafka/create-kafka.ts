import { Kafka, logLevel } from 'kafkajs';
import type { LogEntry, RetryOptions, logCreator } from 'kafkajs';
import type { Logger } from 'pino';

export interface CreateKafkaOptions {
  brokers: readonly string[];
  /** Shown in broker logs and quotas: the service name, e.g. `scoring`. */
  clientId: string;
  logger: Logger;
  /** Overrides for kafkajs' request retries (connection loss, leader moves, coordinator loads). */
  retry?: RetryOptions;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

// Leader elections, coordinator loading and broker restarts last seconds: retry for about a
// minute with capped exponential delays before a call fails to its caller.
const DEFAULT_RETRY: RetryOptions = { initialRetryTime: 300, maxRetryTime: 10_000, retries: 8, factor: 0.2, multiplier: 2 };

/** The kafkajs level that lets through what the pino logger would print anyway. */
export function kafkajsLevelFor(pinoLevel: string): logLevel {
  switch (pinoLevel) {
    case 'trace':
    case 'debug':
      return logLevel.DEBUG;
    case 'info':
      return logLevel.INFO;
    case 'warn':
      return logLevel.WARN;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.ERROR;
  }
}

/** Routes kafkajs' own log lines into the service's pino logger, as structured fields. */
export function pinoLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: 'kafkajs' });
  // kafkajs passes its own level; the pino logger's level decides what is written.
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      // `timestamp` and `logger` duplicate what pino adds itself; stacks stay out of logs.
      const { message, timestamp: _timestamp, logger: _logger, stack: _stack, ...fields } = log as typeof log & { stack?: unknown };
      const entry = { namespace, ...fields };
      // NOTE: kafkajs logs every error response of the protocol as an ERROR, including the ones it
      // handles itself (a rebalance answered to a heartbeat, a coordinator still loading). What it
      // cannot handle reaches the caller as a rejection or a consumer crash, logged there.
      const handledByClient = level === logLevel.ERROR && namespace === 'Connection' && message.startsWith('Response ');
      switch (handledByClient ? logLevel.WARN : level) {
        case logLevel.ERROR:
          kafkaLogger.error(entry, message);
          break;
        case logLevel.WARN:
          kafkaLogger.warn(entry, message);
          break;
        case logLevel.INFO:
          kafkaLogger.info(entry, message);
          break;
        case logLevel.DEBUG:
          kafkaLogger.debug(entry, message);
          break;
        case logLevel.NOTHING:
          break;
      }
    };
}

/** The kafkajs client of a process: one per service, shared by its producer, consumers and admin. */
export function createKafka({ brokers, clientId, logger, retry, connectionTimeoutMs = 3_000, requestTimeoutMs = 30_000 }: CreateKafkaOptions): Kafka {
  return new Kafka({
    brokers: [...brokers],
    clientId,
    connectionTimeout: connectionTimeoutMs,
    requestTimeout: requestTimeoutMs,
    retry: { ...DEFAULT_RETRY, ...retry },
    logLevel: kafkajsLevelFor(logger.level),
    logCreator: pinoLogCreator(logger),
  });
}
