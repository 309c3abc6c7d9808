import underPressure from '@fastify/under-pressure';
import type { HttpServer } from './http-server';
import { overloaded, sendProblem } from './error-problems';

export interface BackPressureOptions {
  /** Answer 503 while the mean event-loop delay is above this. Default 1000 ms. */
  maxEventLoopDelayMs?: number;
  /** Also when event-loop utilization (0–1) is above this. Off by default. */
  maxEventLoopUtilization?: number;
  maxHeapUsedBytes?: number;
  maxRssBytes?: number;
  /** `Retry-After` of the 503. Default 5 s. */
  retryAfterSeconds?: number;
  /** How often the process is sampled. Default 1000 ms. */
  sampleIntervalMs?: number;
}

/**
 * Sheds load with a 503 problem (and `Retry-After`) while the process is saturated, so a
 * client retries elsewhere instead of every request getting slower. Probes are exempt: an
 * overloaded process is still alive.
 */
export async function registerBackPressure(app: HttpServer, options: BackPressureOptions): Promise<void> {
  const retryAfter = options.retryAfterSeconds ?? 5;
  await app.register(underPressure, {
    maxEventLoopDelay: options.maxEventLoopDelayMs ?? 1_000,
    ...(options.maxEventLoopUtilization === undefined ? {} : { maxEventLoopUtilization: options.maxEventLoopUtilization }),
    ...(options.maxHeapUsedBytes === undefined ? {} : { maxHeapUsedBytes: options.maxHeapUsedBytes }),
    ...(options.maxRssBytes === undefined ? {} : { maxRssBytes: options.maxRssBytes }),
    sampleInterval: options.sampleIntervalMs ?? 1_000,
    retryAfter,
    pressureHandler(request, reply, type, value) {
      // Returning nothing lets the request through; after a promise, Fastify sees the reply
      // already sent and stops there.
      if (request.routeOptions.config.probe === true) return;
      request.log.warn({ pressure: type, value }, 'shedding load');
      void sendProblem(reply, request, overloaded(retryAfter));
      return Promise.resolve();
    },
  });
}
